package dev.secureinflux;

/** A configuration variable read by {@code SecureInflux.fromEnvironment} is missing, conflicting or unreadable. */
public final class EnvironmentException extends SecureInfluxException {
  private static final long serialVersionUID = 1L;

  /** An exception with the given (secret-free) message. */
  public EnvironmentException(String message) {
    super(message);
  }

  /** An exception with the given (secret-free) message and cause. */
  public EnvironmentException(String message, Throwable cause) {
    super(message, cause);
  }
}
