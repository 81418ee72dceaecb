package dev.secureinflux.tls;

/**
 * A client certificate is expired or not yet valid at the time it is loaded.
 *
 * <p>The message names the file (and alias or PEM block where relevant), what is wrong and how to fix it; it
 * never contains a password, passphrase or key bytes.
 */
public final class CertificateValidityException extends TlsMaterialException {
  private static final long serialVersionUID = 1L;

  /** An exception with {@code message}, which must not contain secrets. */
  public CertificateValidityException(String message) {
    super(message);
  }

  /** An exception with {@code message}, which must not contain secrets, caused by {@code cause}. */
  public CertificateValidityException(String message, Throwable cause) {
    super(message, cause);
  }
}
