package dev.secureinflux.auth.internal;

/** Where a secret comes from: a value, a supplier or a file; not API. */
public interface SecretSource extends AutoCloseable {
  /**
   * A fresh copy of the current secret, never empty or blank; the caller zero-fills it after use.
   *
   * @throws dev.secureinflux.auth.CredentialSourceException if the source fails
   */
  char[] get();

  /** A number that changes whenever the secret may have changed (file sources), else constant. */
  long version();

  /** What the source is, for messages: {@code "password"}, {@code "password file /run/secrets/pw"}. */
  String describe();

  /**
   * The exception for content this source delivered that cannot be used (a token character that cannot travel
   * in a header): {@link dev.secureinflux.auth.CredentialSourceException}, since a file or supplier failed;
   * a value handed in by the caller answers {@link IllegalArgumentException} instead.
   *
   * @param message what is wrong and the fix, naming {@link #describe()}; never the secret
   */
  default RuntimeException unusable(String message) {
    return new dev.secureinflux.auth.CredentialSourceException(message);
  }

  /** Wipes held material; {@link #get()} fails afterwards. */
  @Override
  void close();
}
