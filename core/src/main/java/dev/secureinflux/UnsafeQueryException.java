package dev.secureinflux;

/** A statement carrying a password cannot be sent safely as given. */
public final class UnsafeQueryException extends SecureInfluxException {
  private static final long serialVersionUID = 1L;

  /** An exception with the given (secret-free) message. */
  public UnsafeQueryException(String message) {
    super(message);
  }

  /** An exception with the given (secret-free) message and cause. */
  public UnsafeQueryException(String message, Throwable cause) {
    super(message, cause);
  }
}
