package dev.secureinflux;

/** No URL was given to the builder (or {@code INFLUX_URL} is unset). */
public final class MissingUrlException extends SecureInfluxException {
  private static final long serialVersionUID = 1L;

  /** An exception with the given (secret-free) message. */
  public MissingUrlException(String message) {
    super(message);
  }

  /** An exception with the given (secret-free) message and cause. */
  public MissingUrlException(String message, Throwable cause) {
    super(message, cause);
  }
}
