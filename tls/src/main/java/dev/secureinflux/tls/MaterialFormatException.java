package dev.secureinflux.tls;

/**
 * A TLS material file has the wrong content: not PEM, DER or a key store, the wrong kind of PEM block, a corrupt or truncated file, or an unsupported key type.
 *
 * <p>The message names the file (and alias or PEM block where relevant), what is wrong and how to fix it; it
 * never contains a password, passphrase or key bytes.
 */
public final class MaterialFormatException extends TlsMaterialException {
  private static final long serialVersionUID = 1L;

  /** An exception with {@code message}, which must not contain secrets. */
  public MaterialFormatException(String message) {
    super(message);
  }

  /** An exception with {@code message}, which must not contain secrets, caused by {@code cause}. */
  public MaterialFormatException(String message, Throwable cause) {
    super(message, cause);
  }
}
