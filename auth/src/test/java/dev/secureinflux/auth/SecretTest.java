package dev.secureinflux.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SecretTest {
  @Test
  void of_callerWipesArray_secretKeepsCopy() {
    char[] value = "abc".toCharArray();
    Secret secret = Secret.of(value);
    java.util.Arrays.fill(value, '\0');
    assertEquals("abc", new String(secret.reveal(InsecureSecretAccess.get())));
  }

  @Test
  void reveal_returnsFreshCopy() {
    Secret secret = Secret.of("abc".toCharArray());
    char[] first = secret.reveal(InsecureSecretAccess.get());
    first[0] = 'X';
    assertEquals("abc", new String(secret.reveal(InsecureSecretAccess.get())));
  }

  @Test
  void destroy_thenReveal_throws() {
    Secret secret = Secret.of("abc".toCharArray());
    secret.destroy();
    assertTrue(secret.isDestroyed());
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> secret.reveal(InsecureSecretAccess.get()));
    assertEquals("secret was destroyed; create a new one", e.getMessage());
  }

  @Test
  void toString_containsNoSecret() {
    assertEquals("<redacted>", Secret.of("hunter2".toCharArray()).toString());
  }

  @Test
  void equals_sameContent_isIdentityOnly_constantTimeEqualsComparesContent() {
    Secret a = Secret.of("same".toCharArray());
    Secret b = Secret.of("same".toCharArray());
    assertNotEquals(a, b);
    assertTrue(a.constantTimeEquals(b));
    assertFalse(a.constantTimeEquals(Secret.of("other".toCharArray())));
  }

  @Test
  void reveal_nullAccess_throws() {
    NullPointerException e = assertThrows(NullPointerException.class, () -> Secret.of(new char[1]).reveal(null));
    assertEquals("access == null", e.getMessage());
  }

  @Test
  void constantTimeEquals_destroyed_throws() {
    Secret a = Secret.of("password-one".toCharArray());
    Secret b = Secret.of("PASSWORD-TWO".toCharArray());
    b.destroy();
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> a.constantTimeEquals(b));
    assertEquals("the other secret was destroyed: its content is gone and cannot be compared; compare before"
        + " destroy()", e.getMessage());
    a.destroy();
    IllegalStateException both = assertThrows(IllegalStateException.class, () -> a.constantTimeEquals(b));
    assertTrue(both.getMessage().startsWith("this secret was destroyed"), both.getMessage());
  }
}
