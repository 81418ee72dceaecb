package dev.secureinflux;

/** Trust, identity or pins were given for a plain {@code http://} URL, where they would silently do nothing. */
public final class TlsSettingsOnPlainHttpException extends SecureInfluxException {
  private static final long serialVersionUID = 1L;

  /** An exception with the given (secret-free) message. */
  public TlsSettingsOnPlainHttpException(String message) {
    super(message);
  }

  /** An exception with the given (secret-free) message and cause. */
  public TlsSettingsOnPlainHttpException(String message, Throwable cause) {
    super(message, cause);
  }
}
