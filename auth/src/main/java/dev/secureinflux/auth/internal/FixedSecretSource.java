package dev.secureinflux.auth.internal;

import dev.secureinflux.auth.InsecureSecretAccess;
import dev.secureinflux.auth.Secret;
import java.util.Arrays;
import java.util.Objects;

/** A secret given as a value, checked once when built; not API. */
public final class FixedSecretSource implements SecretSource {
  private final Secret secret;
  private final String what;

  /**
   * Copies {@code value}; the caller keeps (and should wipe) its array.
   *
   * @throws IllegalArgumentException if {@code value} is empty or blank, naming {@code what}
   */
  public FixedSecretSource(char[] value, String what) {
    Objects.requireNonNull(value, what + " == null");
    if (value.length == 0) {
      throw new IllegalArgumentException(what + " is empty: give a non-empty " + what);
    }
    if (Utf8.isBlank(value)) {
      throw new IllegalArgumentException(what + " is blank (only whitespace): give a real " + what);
    }
    this.secret = Secret.of(value);
    this.what = what;
  }

  @Override
  public char[] get() {
    if (secret.isDestroyed()) {
      throw new IllegalStateException(what + " was wiped by close(); create new credentials");
    }
    return secret.reveal(InsecureSecretAccess.get());
  }

  @Override
  public long version() {
    return 0;
  }

  @Override
  public String describe() {
    return what;
  }

  /** A value handed in by the caller: {@link IllegalArgumentException}, as for an empty one. */
  @Override
  public RuntimeException unusable(String message) {
    return new IllegalArgumentException(message);
  }

  @Override
  public void close() {
    secret.destroy();
  }

  /** Format unspecified; never contains secrets. */
  @Override
  public String toString() {
    return what + "=<redacted>";
  }

  static void wipe(char[] chars) {
    if (chars != null) {
      Arrays.fill(chars, '\0');
    }
  }
}
