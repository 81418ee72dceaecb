package dev.secureinflux.auth;

/**
 * The base of every refusal and failure of the auth module: unchecked, one leaf per kind.
 *
 * <p>Messages name what was wrong (user, file, variable, origin) and how to fix it; they never contain a
 * password, token, shared secret or {@code Authorization} value.
 */
public class AuthException extends RuntimeException {
  /** Creates the exception with a message that must not contain secrets. */
  public AuthException(String message) {
    super(message);
  }

  /** Creates the exception with a message that must not contain secrets, and its cause. */
  public AuthException(String message, Throwable cause) {
    super(message, cause);
  }
}
