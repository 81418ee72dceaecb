package dev.secureinflux;

/** The URL's scheme is neither {@code https} nor {@code http}. */
public final class UnsupportedSchemeException extends SecureInfluxException {
  private static final long serialVersionUID = 1L;

  /** An exception with the given (secret-free) message. */
  public UnsupportedSchemeException(String message) {
    super(message);
  }

  /** An exception with the given (secret-free) message and cause. */
  public UnsupportedSchemeException(String message, Throwable cause) {
    super(message, cause);
  }
}
