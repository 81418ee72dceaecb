package dev.secureinflux.tls;

/**
 * A private key file or a key store holding the client key is readable or writable by its group or by others on a
 * POSIX file system; {@code chmod 600} it.
 *
 * <p>The message names the file (and alias or PEM block where relevant), what is wrong and how to fix it; it
 * never contains a password, passphrase or key bytes.
 */
public final class InsecureKeyFileException extends TlsMaterialException {
  private static final long serialVersionUID = 1L;

  /** An exception with {@code message}, which must not contain secrets. */
  public InsecureKeyFileException(String message) {
    super(message);
  }

  /** An exception with {@code message}, which must not contain secrets, caused by {@code cause}. */
  public InsecureKeyFileException(String message, Throwable cause) {
    super(message, cause);
  }
}
