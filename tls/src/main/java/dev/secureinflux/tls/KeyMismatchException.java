package dev.secureinflux.tls;

/**
 * A private key does not belong to the leaf certificate, or a certificate of the chain does not link to the others.
 *
 * <p>The message names the file (and alias or PEM block where relevant), what is wrong and how to fix it; it
 * never contains a password, passphrase or key bytes.
 */
public final class KeyMismatchException extends TlsMaterialException {
  private static final long serialVersionUID = 1L;

  /** An exception with {@code message}, which must not contain secrets. */
  public KeyMismatchException(String message) {
    super(message);
  }

  /** An exception with {@code message}, which must not contain secrets, caused by {@code cause}. */
  public KeyMismatchException(String message, Throwable cause) {
    super(message, cause);
  }
}
