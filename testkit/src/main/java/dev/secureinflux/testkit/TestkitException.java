package dev.secureinflux.testkit;

/**
 * Base of every exception the testkit throws: a test server could not be found, started or asked.
 *
 * <p>Messages name the program, file or port concerned and how to fix it; they never contain a password,
 * shared secret or private key.
 */
public class TestkitException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** An exception with {@code message}. */
  public TestkitException(String message) {
    super(message);
  }

  /** An exception with {@code message} caused by {@code cause}. */
  public TestkitException(String message, Throwable cause) {
    super(message, cause);
  }
}
