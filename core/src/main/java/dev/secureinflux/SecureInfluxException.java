package dev.secureinflux;

/**
 * Base of every refusal and failure raised by the secure client builder and the client it returns.
 *
 * <p>Messages say what was wrong, which host, file or setting it concerns, and how to fix it. They never
 * contain a password, token, key byte or {@code Authorization} value.
 */
public class SecureInfluxException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** An exception with the given (secret-free) message. */
  public SecureInfluxException(String message) {
    super(message);
  }

  /** An exception with the given (secret-free) message and cause. */
  public SecureInfluxException(String message, Throwable cause) {
    super(message, cause);
  }
}
