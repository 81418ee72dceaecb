package dev.secureinflux;

/** The URL cannot be parsed unambiguously, or has a query or fragment. */
public final class InvalidUrlException extends SecureInfluxException {
  private static final long serialVersionUID = 1L;

  /** An exception with the given (secret-free) message. */
  public InvalidUrlException(String message) {
    super(message);
  }

  /** An exception with the given (secret-free) message and cause. */
  public InvalidUrlException(String message, Throwable cause) {
    super(message, cause);
  }
}
