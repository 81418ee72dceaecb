package dev.secureinflux.auth;

/** The only source of {@link SecretAccess}: its uses mark every place where a secret leaves its holder. */
public final class InsecureSecretAccess {
  private InsecureSecretAccess() {}

  public static SecretAccess get() {
    return SecretAccess.INSTANCE;
  }
}
