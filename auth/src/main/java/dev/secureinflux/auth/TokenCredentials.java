package dev.secureinflux.auth;

import dev.secureinflux.auth.internal.SecretSource;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/** {@code Authorization: Token <token>} (InfluxDB 2.x/3.x v1-compatible API). */
final class TokenCredentials extends Credentials {
  private final SecretSource token;

  private TokenCredentials(SecretSource token) {
    this.token = token;
  }

  static TokenCredentials checked(SecretSource token) {
    TokenCredentials credentials = new TokenCredentials(token);
    try {
      credentials.authorizationHeader(InsecureSecretAccess.get());
    } catch (RuntimeException e) {
      token.close();
      throw e;
    }
    return credentials;
  }

  @Override
  public Optional<String> user() {
    return Optional.empty();
  }

  @Override
  public String authorizationHeader(SecretAccess access) {
    Objects.requireNonNull(access, "access == null");
    char[] chars = token.get();
    try {
      for (int i = 0; i < chars.length; i++) {
        if (chars[i] < 0x21 || chars[i] > 0x7e) {
          throw token.unusable(token.describe() + " holds a character at index " + i
              + " that is not visible ASCII and cannot travel in an HTTP header: check the token");
        }
      }
      return "Token " + new String(chars);
    } finally {
      Arrays.fill(chars, '\0');
    }
  }

  @Override
  String kind() {
    return "token";
  }

  @Override
  public void close() {
    token.close();
  }

  /** Format unspecified; never contains secrets. */
  @Override
  public String toString() {
    return "Credentials.token(" + token + ")";
  }
}
