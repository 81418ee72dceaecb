package dev.secureinflux.auth;

/** The server answered 403: the user is known but lacks the privilege the request needs. */
public final class AuthorizationException extends AuthException {
  /** Creates the exception with a message that must not contain secrets. */
  public AuthorizationException(String message) {
    super(message);
  }
}
