package dev.secureinflux.tls;

/**
 * An encrypted private key or key store cannot be opened: the passphrase or password is missing or wrong.
 *
 * <p>The message names the file (and alias or PEM block where relevant), what is wrong and how to fix it; it
 * never contains a password, passphrase or key bytes.
 */
public final class PassphraseException extends TlsMaterialException {
  private static final long serialVersionUID = 1L;

  /** An exception with {@code message}, which must not contain secrets. */
  public PassphraseException(String message) {
    super(message);
  }

  /** An exception with {@code message}, which must not contain secrets, caused by {@code cause}. */
  public PassphraseException(String message, Throwable cause) {
    super(message, cause);
  }
}
