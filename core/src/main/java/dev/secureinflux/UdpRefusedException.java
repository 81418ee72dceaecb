package dev.secureinflux;

/** A UDP write (cleartext) was asked for a host that is not loopback. */
public final class UdpRefusedException extends SecureInfluxException {
  private static final long serialVersionUID = 1L;

  /** An exception with the given (secret-free) message. */
  public UdpRefusedException(String message) {
    super(message);
  }

  /** An exception with the given (secret-free) message and cause. */
  public UdpRefusedException(String message, Throwable cause) {
    super(message, cause);
  }
}
