package dev.secureinflux;

/** The {@code OkHttpClient.Builder} handed in carries a setting that would weaken the connection rules. */
public final class UnsafeOkHttpSettingException extends SecureInfluxException {
  private static final long serialVersionUID = 1L;

  /** An exception with the given (secret-free) message. */
  public UnsafeOkHttpSettingException(String message) {
    super(message);
  }

  /** An exception with the given (secret-free) message and cause. */
  public UnsafeOkHttpSettingException(String message, Throwable cause) {
    super(message, cause);
  }
}
