package dev.secureinflux.auth;

/**
 * A capability token: only holders of one can read raw secret material. Obtain it from
 * {@link InsecureSecretAccess#get()}, so that every place reading a secret is easy to find.
 */
public final class SecretAccess {
  static final SecretAccess INSTANCE = new SecretAccess();

  private SecretAccess() {}

  /** Format unspecified; never contains secrets. */
  @Override
  public String toString() {
    return "SecretAccess";
  }
}
