package dev.secureinflux.auth;

/**
 * A source of credentials failed: an environment variable is missing or conflicts with another, a secret
 * file is missing, unreadable, empty, not UTF-8 or readable or writable by group or others, or a supplier returned
 * nothing usable. The message names the variable or file, never its content.
 */
public final class CredentialSourceException extends AuthException {
  /** Creates the exception with a message that must not contain secrets. */
  public CredentialSourceException(String message) {
    super(message);
  }

  /** Creates the exception with a message that must not contain secrets, and its cause. */
  public CredentialSourceException(String message, Throwable cause) {
    super(message, cause);
  }
}
