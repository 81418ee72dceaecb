package dev.secureinflux.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Base64;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CredentialsTest {
  private static final SecretAccess ACCESS = InsecureSecretAccess.get();

  @Test
  void basic_nonAsciiPassword_encodesUtf8() {
    Credentials credentials = Credentials.basic("alice", "pässwörd".toCharArray());
    // Independent vector: printf 'alice:p\xc3\xa4ssw\xc3\xb6rd' | base64
    assertEquals("Basic YWxpY2U6cMOkc3N3w7ZyZA==", credentials.authorizationHeader(ACCESS));
  }

  @Test
  void basic_nonAsciiPassword_differsFromOkHttpIso88591() {
    String ours = Credentials.basic("alice", "pässwörd".toCharArray()).authorizationHeader(ACCESS);
    String okhttp = okhttp3.Credentials.basic("alice", "pässwörd");
    assertEquals("Basic YWxpY2U6cORzc3f2cmQ=", okhttp); // printf 'alice:p\xe4ssw\xf6rd' | base64
    assertNotEquals(okhttp, ours);
    String decoded = new String(Base64.getDecoder().decode(ours.substring(6)), StandardCharsets.UTF_8);
    assertEquals("alice:pässwörd", decoded);
  }

  @Test
  void basic_passwordArray_isCopied() {
    char[] password = "s3cret-pw".toCharArray();
    Credentials credentials = Credentials.basic("alice", password);
    java.util.Arrays.fill(password, '\0');
    assertEquals("Basic " + Base64.getEncoder().encodeToString("alice:s3cret-pw".getBytes(StandardCharsets.UTF_8)),
        credentials.authorizationHeader(ACCESS));
  }

  @Test
  void basic_blankUser_throws() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Credentials.basic(" ", "pw".toCharArray()));
    assertTrue(e.getMessage().contains("user is blank"), e.getMessage());
  }

  @Test
  void basic_userWithColon_throws() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Credentials.basic("a:b", "pw".toCharArray()));
    assertTrue(e.getMessage().contains("followed by ':'") && e.getMessage().contains("RFC 7617"), e.getMessage());
  }

  /** A password typed into the user field ("user:password") must not reach logs through the refusal. */
  @Test
  void basic_userHoldingPassword_refusalShowsOnlyTextBeforeColon(@org.junit.jupiter.api.io.TempDir
      java.nio.file.Path dir) throws Exception {
    java.nio.file.Path file = FileCredentialsTest.secretFile(dir, "pw", "pw\n");
    List<org.junit.jupiter.api.function.Executable> calls = List.of(
        () -> Credentials.basic("app:hunter2-Secret", "pw".toCharArray()),
        () -> Credentials.basic("app:hunter2-Secret", () -> "pw".toCharArray()),
        () -> Credentials.basicFromFile("app:hunter2-Secret", file));
    for (org.junit.jupiter.api.function.Executable call : calls) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
      assertTrue(e.getMessage().startsWith("user name \"app\" is followed by ':' (at index 3;"), e.getMessage());
      assertFalse(e.getMessage().contains("hunter2"), e.getMessage());
    }
    IllegalArgumentException onlyPassword = assertThrows(IllegalArgumentException.class,
        () -> Credentials.basic(":hunter2-Secret", "pw".toCharArray()));
    assertFalse(onlyPassword.getMessage().contains("hunter2"), onlyPassword.getMessage());
  }

  @Test
  void basic_emptyPassword_throws() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Credentials.basic("alice", new char[0]));
    assertTrue(e.getMessage().contains("password is empty"), e.getMessage());
  }

  @Test
  void basic_blankPassword_throws() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Credentials.basic("alice", "   ".toCharArray()));
    assertTrue(e.getMessage().contains("password is blank"), e.getMessage());
  }

  @Test
  void basic_unpairedSurrogatePassword_throwsWithoutSecret() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Credentials.basic("alice", new char[] {'x', '\uD800', 'y'}));
    assertTrue(e.getMessage().contains("unpaired UTF-16 surrogate"), e.getMessage());
  }

  @Test
  void basic_nullArguments_throwNamed() {
    NullPointerException user = assertThrows(NullPointerException.class,
        () -> Credentials.basic(null, "pw".toCharArray()));
    assertEquals("user == null", user.getMessage());
    NullPointerException password = assertThrows(NullPointerException.class,
        () -> Credentials.basic("alice", (char[]) null));
    assertEquals("password == null", password.getMessage());
  }

  @Test
  void basicSupplier_eachHeader_asksSupplierAndWipesItsArray() {
    Deque<char[]> handedOut = new ArrayDeque<>();
    int[] calls = {0};
    Credentials credentials = Credentials.basic("alice", () -> {
      char[] value = ("pw" + (++calls[0])).toCharArray();
      handedOut.add(value);
      return value;
    });
    assertEquals(0, calls[0]);
    assertEquals(basicOf("alice:pw1"), credentials.authorizationHeader(ACCESS));
    assertEquals(basicOf("alice:pw2"), credentials.authorizationHeader(ACCESS));
    for (char[] value : handedOut) {
      assertEquals("\0\0\0", new String(value));
    }
  }

  @Test
  void basicSupplier_returnsEmpty_throwsSourceException() {
    Credentials credentials = Credentials.basic("alice", () -> new char[0]);
    CredentialSourceException e = assertThrows(CredentialSourceException.class,
        () -> credentials.authorizationHeader(ACCESS));
    assertTrue(e.getMessage().contains("password supplier returned an empty or blank password"), e.getMessage());
  }

  @Test
  void basicSupplier_fails_throwsSourceExceptionNamingType() {
    Credentials credentials = Credentials.basic("alice", () -> {
      throw new IllegalStateException("vault down");
    });
    CredentialSourceException e = assertThrows(CredentialSourceException.class,
        () -> credentials.authorizationHeader(ACCESS));
    assertTrue(e.getMessage().contains("password supplier failed with java.lang.IllegalStateException"),
        e.getMessage());
  }

  @Test
  void basicSupplier_failsWithSecretInMessage_dropsCauseAndMessage() {
    Credentials credentials = Credentials.basic("alice", () -> {
      throw new IllegalStateException("GET https://vault.example.invalid/v1/secret?token=hvs.LEAKED failed");
    });
    CredentialSourceException e = assertThrows(CredentialSourceException.class,
        () -> credentials.authorizationHeader(ACCESS));
    assertEquals("password supplier failed with java.lang.IllegalStateException: check the secret store",
        e.getMessage());
    assertEquals(null, e.getCause());
    assertFalse(e.toString().contains("LEAKED"), e.toString());
  }

  @Test
  void basic_userWithUnpairedSurrogate_throws() {
    for (String user : new String[] {"a\uD800b", "a\uDC00", "\uD83D"}) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> Credentials.basic(user, "pw".toCharArray()), user);
      assertTrue(e.getMessage().startsWith("user name holds an unpaired UTF-16 surrogate at index "), e.getMessage());
    }
    assertEquals(basicOf("😀:pw"), Credentials.basic("😀", "pw".toCharArray()).authorizationHeader(ACCESS));
  }

  @Test
  void token_header_isTokenScheme() {
    Credentials credentials = Credentials.token("abc-DEF_123==".toCharArray());
    assertEquals("Token abc-DEF_123==", credentials.authorizationHeader(ACCESS));
    assertEquals(Optional.empty(), credentials.user());
  }

  @Test
  void token_empty_throws() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Credentials.token(new char[0]));
    assertTrue(e.getMessage().contains("token is empty"), e.getMessage());
  }

  @Test
  void token_blank_throws() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Credentials.token(" \t".toCharArray()));
    assertTrue(e.getMessage().contains("token is blank"), e.getMessage());
  }

  @Test
  void token_headerBreakingCharacter_throwsWithIndexOnly() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Credentials.token("abc\r\nX-Evil: 1".toCharArray()));
    assertTrue(e.getMessage().contains("index 3") && e.getMessage().contains("cannot travel in an HTTP header"),
        e.getMessage());
    assertFalse(e.getMessage().contains("abc"), e.getMessage());
  }

  @Test
  void close_basic_wipesAndRefusesUse() {
    Credentials credentials = Credentials.basic("alice", "pw".toCharArray());
    credentials.close();
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> credentials.authorizationHeader(ACCESS));
    assertTrue(e.getMessage().contains("wiped by close()"), e.getMessage());
  }

  @Test
  void close_token_refusesUse() {
    Credentials credentials = Credentials.token("tok".toCharArray());
    credentials.close();
    assertThrows(IllegalStateException.class, () -> credentials.authorizationHeader(ACCESS));
  }

  @Test
  void toString_basicAndToken_containNoSecret() {
    Credentials basic = Credentials.basic("alice", "hunter2-secret".toCharArray());
    Credentials token = Credentials.token("tok-secret-123".toCharArray());
    Credentials supplied = Credentials.basic("bob", () -> "supplied-secret".toCharArray());
    assertEquals("Credentials.basic(user=alice, password=<redacted>)", basic.toString());
    assertEquals("Credentials.token(token=<redacted>)", token.toString());
    assertEquals("Credentials.basic(user=bob, password supplier)", supplied.toString());
    String header = basic.authorizationHeader(ACCESS);
    for (String s : new String[] {basic.toString(), token.toString(), supplied.toString()}) {
      assertFalse(s.contains("secret"), s);
      assertFalse(s.contains(header.substring(6)), s);
    }
  }

  @Test
  void equals_twoEqualCredentials_isIdentityOnly() {
    Credentials a = Credentials.basic("alice", "pw".toCharArray());
    Credentials b = Credentials.basic("alice", "pw".toCharArray());
    assertNotEquals(a, b);
    assertEquals(a, a);
  }

  static String basicOf(String userColonPassword) {
    return "Basic " + Base64.getEncoder().encodeToString(userColonPassword.getBytes(StandardCharsets.UTF_8));
  }
}
