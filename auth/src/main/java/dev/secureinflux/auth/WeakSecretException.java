package dev.secureinflux.auth;

/**
 * A JWT shared secret is too short for HS256: RFC 7518 section 3.2 requires at least 256 bits. The message
 * gives the actual number of bits, never the secret.
 */
public final class WeakSecretException extends AuthException {
  /** Creates the exception with a message that must not contain secrets. */
  public WeakSecretException(String message) {
    super(message);
  }
}
