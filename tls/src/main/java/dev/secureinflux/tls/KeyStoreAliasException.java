package dev.secureinflux.tls;

/**
 * A key store does not have the requested key entry: the alias is missing, names no key, or several keys exist and none was chosen.
 *
 * <p>The message names the file (and alias or PEM block where relevant), what is wrong and how to fix it; it
 * never contains a password, passphrase or key bytes.
 */
public final class KeyStoreAliasException extends TlsMaterialException {
  private static final long serialVersionUID = 1L;

  /** An exception with {@code message}, which must not contain secrets. */
  public KeyStoreAliasException(String message) {
    super(message);
  }

  /** An exception with {@code message}, which must not contain secrets, caused by {@code cause}. */
  public KeyStoreAliasException(String message, Throwable cause) {
    super(message, cause);
  }
}
