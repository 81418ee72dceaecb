package dev.secureinflux.auth;

/** The server answered 401: the user name, password, token or JWT was not accepted. */
public final class AuthenticationException extends AuthException {
  /** Creates the exception with a message that must not contain secrets. */
  public AuthenticationException(String message) {
    super(message);
  }
}
