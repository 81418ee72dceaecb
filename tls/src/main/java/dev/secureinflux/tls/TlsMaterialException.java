package dev.secureinflux.tls;

/**
 * Base of every failure to load or use TLS material: the message names the file, alias or PEM block concerned
 * and how to fix it, and never contains a password or key bytes.
 */
public class TlsMaterialException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public TlsMaterialException(String message) {
    super(message);
  }

  public TlsMaterialException(String message, Throwable cause) {
    super(message, cause);
  }
}
