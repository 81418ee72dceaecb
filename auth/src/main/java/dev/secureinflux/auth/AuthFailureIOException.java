package dev.secureinflux.auth;

import java.io.IOException;
import java.util.Objects;

/**
 * The {@link IOException} {@link AuthInterceptor} throws so that OkHttp reports an authentication, authorization
 * or unsafe-connection failure through its normal paths ({@code Call.execute()} and {@code Callback.onFailure}),
 * carrying the typed {@link AuthException} as its {@link #getCause() cause}.
 *
 * <p>influxdb-java wraps it in its {@code InfluxDBIOException}; use {@link AuthException#unwrap(Throwable)} to
 * get the typed exception back from anything that wraps it. The message is the cause's message (no secrets).
 */
public final class AuthFailureIOException extends IOException {
  private static final long serialVersionUID = 1L;

  /** Wraps {@code cause}, whose message becomes this exception's message. */
  public AuthFailureIOException(AuthException cause) {
    super(Objects.requireNonNull(cause, "cause == null").getMessage(), cause);
  }

  /**
   * The typed failure: an {@link AuthenticationException}, {@link AuthorizationException} or
   * {@link InsecureConnectionException}, or a {@link CredentialSourceException} when the credentials could not be
   * read for this request.
   */
  @Override
  public synchronized AuthException getCause() {
    return (AuthException) super.getCause();
  }
}
