package dev.secureinflux.testkit;

/** A server process did not start, died, or did not become ready in time; the message quotes its log tail. */
public final class ServerStartException extends TestkitException {
  private static final long serialVersionUID = 1L;

  /** An exception with {@code message}. */
  public ServerStartException(String message) {
    super(message);
  }

  /** An exception with {@code message} caused by {@code cause}. */
  public ServerStartException(String message, Throwable cause) {
    super(message, cause);
  }
}
