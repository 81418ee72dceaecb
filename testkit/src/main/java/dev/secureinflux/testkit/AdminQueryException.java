package dev.secureinflux.testkit;

/**
 * An admin statement sent by {@link InfluxServer#query(String)} (or a write) failed: HTTP error or an
 * {@code "error"} in the JSON. The response is quoted unless the statement carries a password.
 */
public final class AdminQueryException extends TestkitException {
  private static final long serialVersionUID = 1L;

  /** An exception with {@code message}. */
  public AdminQueryException(String message) {
    super(message);
  }

  /** An exception with {@code message} caused by {@code cause}. */
  public AdminQueryException(String message, Throwable cause) {
    super(message, cause);
  }
}
