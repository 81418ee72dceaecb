package dev.secureinflux.auth;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * How a client proves who it is to InfluxDB. SHELL: signatures agreed for parallel work.
 */
public abstract class Credentials implements AutoCloseable {
  Credentials() {}

  /** HTTP Basic, UTF-8 encoded. */
  public static Credentials basic(String user, char[] password) {
    throw new UnsupportedOperationException("not yet");
  }

  /** HTTP Basic with a password fetched from {@code password} (a vault) for each new header. */
  public static Credentials basic(String user, Supplier<char[]> password) {
    throw new UnsupportedOperationException("not yet");
  }

  /** HTTP Basic with the password read from a file (trailing newline trimmed), re-read when it changes. */
  public static Credentials basicFromFile(String user, Path passwordFile) {
    throw new UnsupportedOperationException("not yet");
  }

  /** {@code Authorization: Token <token>}. */
  public static Credentials token(char[] token) {
    throw new UnsupportedOperationException("not yet");
  }

  /** InfluxDB 1.x shared-secret JWT (HS256, claims username and exp), minted fresh before expiry. */
  public static Credentials jwt(String user, char[] sharedSecret, Duration lifetime) {
    throw new UnsupportedOperationException("not yet");
  }

  /** From {@code System.getenv()}; see the auth README for the variables. */
  public static Credentials fromEnvironment() {
    throw new UnsupportedOperationException("not yet");
  }

  /** From the given variables, same convention as {@link #fromEnvironment()}. */
  public static Credentials fromEnvironment(Map<String, String> environment) {
    throw new UnsupportedOperationException("not yet");
  }

  /** The user name, when the scheme has one. */
  public abstract Optional<String> user();

  /** The value of the {@code Authorization} header for the next request. */
  public abstract String authorizationHeader(SecretAccess access);

  /** Wipes held secrets; the credentials cannot be used afterwards. */
  @Override
  public abstract void close();
}
