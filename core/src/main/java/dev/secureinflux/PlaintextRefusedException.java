package dev.secureinflux;

/** Plain {@code http://} was asked for a host that is not loopback. */
public final class PlaintextRefusedException extends SecureInfluxException {
  private static final long serialVersionUID = 1L;

  /** An exception with the given (secret-free) message. */
  public PlaintextRefusedException(String message) {
    super(message);
  }

  /** An exception with the given (secret-free) message and cause. */
  public PlaintextRefusedException(String message, Throwable cause) {
    super(message, cause);
  }
}
