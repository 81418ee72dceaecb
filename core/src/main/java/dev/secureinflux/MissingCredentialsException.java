package dev.secureinflux;

/** No credentials were given: every client authenticates. */
public final class MissingCredentialsException extends SecureInfluxException {
  private static final long serialVersionUID = 1L;

  /** An exception with the given (secret-free) message. */
  public MissingCredentialsException(String message) {
    super(message);
  }

  /** An exception with the given (secret-free) message and cause. */
  public MissingCredentialsException(String message, Throwable cause) {
    super(message, cause);
  }
}
