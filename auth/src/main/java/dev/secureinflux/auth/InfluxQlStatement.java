package dev.secureinflux.auth;

import java.nio.CharBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * One InfluxQL statement whose secret parts (passwords) stay wiped-able {@link Secret}s until the statement is
 * rendered with {@link #toInfluxQl(SecretAccess)}; {@link #toString()} shows them as {@code [REDACTED]}.
 */
public final class InfluxQlStatement {
  static final int MAX_PASSWORD_BYTES = 72;

  private final List<Object> parts;

  private InfluxQlStatement(List<Object> parts) {
    this.parts = List.copyOf(parts);
  }

  static InfluxQlStatement of(Object... parts) {
    return new InfluxQlStatement(Arrays.asList(parts));
  }

  /**
   * Checks {@code password} for InfluxQL and InfluxDB and holds a copy of it.
   *
   * @throws IllegalArgumentException if it is empty, blank, longer than 72 bytes in UTF-8 (InfluxDB's bcrypt
   *     ignores the rest), or holds a carriage return, NUL or unpaired surrogate
   */
  static Secret password(char[] password, String user) {
    Objects.requireNonNull(password, "password == null");
    String what = "password for user " + InfluxQl.displayName(user);
    if (password.length == 0 || dev.secureinflux.auth.internal.Utf8.isBlank(password)) {
      throw new IllegalArgumentException(what + " is empty or blank: give a real password");
    }
    InfluxQl.check(CharBuffer.wrap(password), what);
    byte[] bytes = dev.secureinflux.auth.internal.Utf8.encode(password, what);
    int length = bytes.length;
    Arrays.fill(bytes, (byte) 0);
    if (length > MAX_PASSWORD_BYTES) {
      throw new IllegalArgumentException(what + " is " + length + " bytes in UTF-8; InfluxDB hashes passwords with"
          + " bcrypt, which uses only the first " + MAX_PASSWORD_BYTES + ": give a password of at most "
          + MAX_PASSWORD_BYTES + " bytes");
    }
    return Secret.of(password);
  }

  /** Whether the statement holds a password. */
  public boolean carriesSecret() {
    return parts.stream().anyMatch(p -> p instanceof Secret);
  }

  /** The statement as sent to InfluxDB, passwords included as quoted string literals. */
  public String toInfluxQl(SecretAccess access) {
    Objects.requireNonNull(access, "access == null");
    StringBuilder out = new StringBuilder();
    for (Object part : parts) {
      if (part instanceof Secret) {
        char[] chars = ((Secret) part).reveal(access);
        try {
          out.append('\'');
          InfluxQl.appendEscaped(out, CharBuffer.wrap(chars), '\'');
          out.append('\'');
        } finally {
          Arrays.fill(chars, '\0');
        }
      } else {
        out.append(part);
      }
    }
    return out.toString();
  }

  /** Wipes the passwords this statement holds. */
  public void destroy() {
    for (Object part : parts) {
      if (part instanceof Secret) {
        ((Secret) part).destroy();
      }
    }
  }

  /** The statement with every password shown as {@code [REDACTED]}; never contains secrets. */
  @Override
  public String toString() {
    StringBuilder out = new StringBuilder();
    for (Object part : parts) {
      out.append(part instanceof Secret ? "[REDACTED]" : part);
    }
    return out.toString();
  }

}
