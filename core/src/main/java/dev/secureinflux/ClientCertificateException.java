package dev.secureinflux;

/**
 * The server (typically an nginx mutual-TLS terminator in front of InfluxDB 1.x) wanted a client certificate and
 * got none, or did not accept the one presented.
 */
public final class ClientCertificateException extends SecureInfluxException {
  private static final long serialVersionUID = 1L;

  /** An exception with the given (secret-free) message. */
  public ClientCertificateException(String message) {
    super(message);
  }
}
