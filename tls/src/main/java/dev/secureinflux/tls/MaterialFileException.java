package dev.secureinflux.tls;

/**
 * A TLS material file cannot be used as a file: it is missing, a directory, empty or unreadable.
 *
 * <p>The message names the file (and alias or PEM block where relevant), what is wrong and how to fix it; it
 * never contains a password, passphrase or key bytes.
 */
public final class MaterialFileException extends TlsMaterialException {
  private static final long serialVersionUID = 1L;

  /** An exception with {@code message}, which must not contain secrets. */
  public MaterialFileException(String message) {
    super(message);
  }

  /** An exception with {@code message}, which must not contain secrets, caused by {@code cause}. */
  public MaterialFileException(String message, Throwable cause) {
    super(message, cause);
  }
}
