package dev.secureinflux;

/** A certificate pin is not of the form {@code sha256/<base64 of 32 bytes>}. */
public final class InvalidPinException extends SecureInfluxException {
  private static final long serialVersionUID = 1L;

  /** An exception with the given (secret-free) message. */
  public InvalidPinException(String message) {
    super(message);
  }

  /** An exception with the given (secret-free) message and cause. */
  public InvalidPinException(String message, Throwable cause) {
    super(message, cause);
  }
}
