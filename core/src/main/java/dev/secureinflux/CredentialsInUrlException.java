package dev.secureinflux;

/** The URL carries user info ({@code user:password@}); credentials go through {@code credentials(..)} only. */
public final class CredentialsInUrlException extends SecureInfluxException {
  private static final long serialVersionUID = 1L;

  /** An exception with the given (secret-free) message. */
  public CredentialsInUrlException(String message) {
    super(message);
  }

  /** An exception with the given (secret-free) message and cause. */
  public CredentialsInUrlException(String message, Throwable cause) {
    super(message, cause);
  }
}
