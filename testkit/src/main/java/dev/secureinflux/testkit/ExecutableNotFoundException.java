package dev.secureinflux.testkit;

/** A server program ({@code influxd}, {@code nginx}) is not installed; the message names the Debian package. */
public final class ExecutableNotFoundException extends TestkitException {
  private static final long serialVersionUID = 1L;

  /** An exception with {@code message}. */
  public ExecutableNotFoundException(String message) {
    super(message);
  }
}
