package dev.secureinflux.auth;

/**
 * A user-management statement of {@link InfluxUsers} failed on the server. For statements that carry a
 * password, the server's message is withheld unless it is one of a few known-safe texts, because a server
 * or parser message could echo the statement.
 */
public final class UserManagementException extends AuthException {
  /** Creates the exception with a message that must not contain secrets. */
  public UserManagementException(String message) {
    super(message);
  }

  /** Creates the exception with a message that must not contain secrets, and its cause. */
  public UserManagementException(String message, Throwable cause) {
    super(message, cause);
  }
}
