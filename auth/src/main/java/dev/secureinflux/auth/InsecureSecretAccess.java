package dev.secureinflux.auth;

/**
 * The only source of {@link SecretAccess}: its uses mark every place where a secret leaves its holder, so
 * that they can be found with a search and reviewed.
 */
public final class InsecureSecretAccess {
  private InsecureSecretAccess() {}

  /** The access token; call it only where raw secret material must leave its holder. */
  public static SecretAccess get() {
    return SecretAccess.INSTANCE;
  }
}
