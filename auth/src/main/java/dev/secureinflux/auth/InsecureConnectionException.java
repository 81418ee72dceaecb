package dev.secureinflux.auth;

/**
 * Credentials were about to travel on a connection that is not safe for them (neither a verified TLS
 * connection nor a direct connection to a loopback address); nothing was sent.
 */
public final class InsecureConnectionException extends AuthException {
  /** Creates the exception with a message that must not contain secrets. */
  public InsecureConnectionException(String message) {
    super(message);
  }
}
