package dev.secureinflux.auth;

import dev.secureinflux.auth.internal.Json;
import dev.secureinflux.auth.internal.SecretSource;
import dev.secureinflux.auth.internal.Utf8;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;

/** HTTP Basic (RFC 7617) with UTF-8 encoding. */
final class BasicCredentials extends Credentials {
  private final String user;
  private final SecretSource password;

  BasicCredentials(String user, SecretSource password) {
    this.user = user;
    this.password = password;
  }

  /** Builds and encodes once, so a bad value fails now rather than at the first request. */
  static BasicCredentials checked(String user, SecretSource password) {
    BasicCredentials credentials = new BasicCredentials(checkUser(user), password);
    try {
      credentials.encode();
    } catch (RuntimeException e) {
      password.close();
      throw e;
    }
    return credentials;
  }

  static String checkUser(String user) {
    Objects.requireNonNull(user, "user == null");
    if (user.isBlank()) {
      throw new IllegalArgumentException("user is blank: give the InfluxDB user name");
    }
    Utf8.checkNoUnpairedSurrogate(user, "user name");
    int colon = user.indexOf(':');
    if (colon >= 0) {
      // Only the text before the ':' is shown: what follows is often a password typed into the user field.
      throw new IllegalArgumentException("user name " + Json.quote(user.substring(0, colon)) + " is followed by"
          + " ':' (at index " + colon + "; the rest is not shown in case it is a password), which HTTP Basic cannot"
          + " carry (RFC 7617): give the user name alone and the password separately, or use Credentials.jwt(...)"
          + " for a user whose name really contains ':'");
    }
    return user;
  }

  @Override
  public Optional<String> user() {
    return Optional.of(user);
  }

  @Override
  public String authorizationHeader(SecretAccess access) {
    Objects.requireNonNull(access, "access == null");
    return encode();
  }

  private String encode() {
    byte[] userBytes = user.getBytes(StandardCharsets.UTF_8);
    char[] chars = password.get();
    byte[] passwordBytes = null;
    byte[] joined = null;
    byte[] base64 = null;
    try {
      passwordBytes = Utf8.encode(chars, "password of user " + user);
      joined = new byte[userBytes.length + 1 + passwordBytes.length];
      System.arraycopy(userBytes, 0, joined, 0, userBytes.length);
      joined[userBytes.length] = ':';
      System.arraycopy(passwordBytes, 0, joined, userBytes.length + 1, passwordBytes.length);
      base64 = Base64.getEncoder().encode(joined);
      return "Basic " + new String(base64, StandardCharsets.US_ASCII);
    } finally {
      Arrays.fill(chars, '\0');
      wipe(passwordBytes);
      wipe(joined);
      wipe(base64);
    }
  }

  @Override
  String kind() {
    return "password";
  }

  @Override
  public void close() {
    password.close();
  }

  /** Format unspecified; never contains secrets. */
  @Override
  public String toString() {
    return "Credentials.basic(user=" + user + ", " + password + ")";
  }

  static void wipe(byte[] bytes) {
    if (bytes != null) {
      Arrays.fill(bytes, (byte) 0);
    }
  }
}
