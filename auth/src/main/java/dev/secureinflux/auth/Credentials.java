package dev.secureinflux.auth;

import dev.secureinflux.auth.internal.FileSecretSource;
import dev.secureinflux.auth.internal.FixedSecretSource;
import dev.secureinflux.auth.internal.SupplierSecretSource;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * How a client proves who it is to InfluxDB: HTTP Basic, a token, or an InfluxDB 1.x shared-secret JWT, from a
 * value, a {@link Supplier}, a file or the environment.
 *
 * <p>Credentials travel only in the {@code Authorization} header, added by {@link AuthInterceptor}.
 *
 * <h2>Secure defaults</h2>
 * Secrets are held as {@code char[]}, copied on the way in (wipe your own array after the call) and wiped by
 * {@link #close()}. Basic is encoded as UTF-8. A JWT is minted with the JDK's HMAC-SHA256, lives at most one
 * day, and is minted afresh at half its lifetime. A secret file is re-read when it changes.
 *
 * <h2>Refusals</h2>
 * Blank user names, empty or blank passwords, tokens and secrets ({@link IllegalArgumentException}); JWT
 * secrets under 256 bits ({@link WeakSecretException}); missing, conflicting or unreadable sources, and secret
 * files readable or writable by group or others ({@link CredentialSourceException}).
 *
 * <pre>{@code
 * Credentials credentials = Credentials.basic("writer", password);
 * Arrays.fill(password, '\0');
 * }</pre>
 *
 * <p>Instances are thread-safe. {@code toString()} shows the kind and the user name, never a secret.
 */
public abstract class Credentials implements AutoCloseable {
  /** The shortest JWT lifetime accepted. */
  public static final Duration MIN_JWT_LIFETIME = Duration.ofSeconds(10);
  /** The longest JWT lifetime accepted; may tighten in future releases. */
  public static final Duration MAX_JWT_LIFETIME = Duration.ofDays(1);

  Credentials() {}

  /**
   * HTTP Basic with {@code user} and a copy of {@code password}, encoded as UTF-8.
   *
   * @throws IllegalArgumentException if the user is blank or contains {@code ':'}, or the password is empty
   *     or blank
   */
  public static Credentials basic(String user, char[] password) {
    return BasicCredentials.checked(user, new FixedSecretSource(password, "password"));
  }

  /**
   * HTTP Basic with a password fetched from {@code password} (a vault) for each request. The supplier must
   * return a fresh array on each call: the library zero-fills it after use.
   *
   * @throws IllegalArgumentException if the user is blank or contains {@code ':'}
   */
  public static Credentials basic(String user, Supplier<char[]> password) {
    return new BasicCredentials(BasicCredentials.checkUser(user), new SupplierSecretSource(password, "password"));
  }

  /**
   * HTTP Basic with the password read from {@code passwordFile} (UTF-8, trailing newline trimmed), re-read when
   * the file changes.
   *
   * @throws CredentialSourceException if the file is missing, not a regular file, larger than 64 KiB, unreadable,
   *     not UTF-8, empty, or readable or writable by group or others
   * @throws IllegalArgumentException if the user is blank or contains {@code ':'}
   */
  public static Credentials basicFromFile(String user, Path passwordFile) {
    String checkedUser = BasicCredentials.checkUser(user);
    return BasicCredentials.checked(checkedUser, new FileSecretSource(passwordFile, "password"));
  }

  /**
   * {@code Authorization: Token <token>}, for the v1-compatible API of InfluxDB 2.x and 3.x.
   *
   * @throws IllegalArgumentException if the token is empty, blank, or holds characters not allowed in a header
   */
  public static Credentials token(char[] token) {
    return TokenCredentials.checked(new FixedSecretSource(token, "token"));
  }

  /**
   * Like {@link #token(char[])}, with the token read from {@code tokenFile}, re-read when it changes.
   *
   * @throws CredentialSourceException if the file is missing, not a regular file, larger than 64 KiB, unreadable,
   *     not UTF-8, empty, readable or writable by group or others, or holds a character that cannot be in a header
   *     (the same exception when a later re-read finds such a token)
   */
  public static Credentials tokenFromFile(Path tokenFile) {
    return TokenCredentials.checked(new FileSecretSource(tokenFile, "token"));
  }

  /**
   * InfluxDB 1.x's shared-secret scheme: {@code Authorization: Bearer <JWT>}, HS256-signed with the UTF-8 bytes
   * of {@code sharedSecret} (as InfluxDB uses its {@code [http] shared-secret}), claims {@code username} and
   * {@code exp = now + lifetime}; a fresh token is minted before the old one expires.
   *
   * @throws WeakSecretException if the secret is shorter than 256 bits (RFC 7518 section 3.2) or empty
   * @throws IllegalArgumentException if the user is blank, or {@code lifetime} is outside
   *     [{@link #MIN_JWT_LIFETIME}, {@link #MAX_JWT_LIFETIME}]
   */
  public static Credentials jwt(String user, char[] sharedSecret, Duration lifetime) {
    return jwt(user, sharedSecret, lifetime, Clock.systemUTC());
  }

  static Credentials jwt(String user, char[] sharedSecret, Duration lifetime, Clock clock) {
    Objects.requireNonNull(sharedSecret, "sharedSecret == null");
    JwtCredentials.checkStrength(sharedSecret, "JWT shared secret");
    return JwtCredentials.checked(user, new FixedSecretSource(sharedSecret, "JWT shared secret"), lifetime, clock);
  }

  /**
   * Like {@link #jwt(String, char[], Duration)}, with the shared secret read from {@code secretFile}, re-read
   * (and the JWT minted afresh) when it changes.
   *
   * @throws CredentialSourceException if the file is missing, not a regular file, larger than 64 KiB, unreadable,
   *     not UTF-8, empty, or readable or writable by group or others
   * @throws WeakSecretException if the secret in the file is shorter than 256 bits
   * @throws IllegalArgumentException if the user is blank, or {@code lifetime} is outside
   *     [{@link #MIN_JWT_LIFETIME}, {@link #MAX_JWT_LIFETIME}]
   */
  public static Credentials jwtFromFile(String user, Path secretFile, Duration lifetime) {
    return jwtFromFile(user, secretFile, lifetime, Clock.systemUTC());
  }

  static Credentials jwtFromFile(String user, Path secretFile, Duration lifetime, Clock clock) {
    String checkedUser = JwtCredentials.checkUser(user);
    JwtCredentials.checkLifetime(lifetime);
    return JwtCredentials.checked(checkedUser, new FileSecretSource(secretFile, "JWT shared secret"), lifetime,
        clock);
  }

  /**
   * From {@code System.getenv()}; see {@link #fromEnvironment(Map)} for the convention.
   *
   * @throws CredentialSourceException if no credentials, or conflicting or unusable ones, are set
   * @throws WeakSecretException if the shared secret file holds fewer than 256 bits
   */
  public static Credentials fromEnvironment() {
    return fromEnvironment(System.getenv());
  }

  /**
   * From {@code environment}, by exactly one of these conventions:
   * <ul>
   *   <li>{@code INFLUX_USERNAME} with {@code INFLUX_PASSWORD} or {@code INFLUX_PASSWORD_FILE}: HTTP Basic;
   *   <li>{@code INFLUX_TOKEN} or {@code INFLUX_TOKEN_FILE}: a token;
   *   <li>{@code INFLUX_USERNAME} with {@code INFLUX_SHARED_SECRET_FILE}, and optionally
   *       {@code INFLUX_JWT_LIFETIME} (ISO-8601 such as {@code PT15M}, or seconds; default 15 minutes): a JWT.
   * </ul>
   * A {@code *_FILE} variable names a file read as by {@link #basicFromFile(String, Path)}.
   *
   * @throws CredentialSourceException naming the missing variable, or every variable set in conflict, or an
   *     unusable value or file and its variable (also for a user name or token that the factories above refuse
   *     with {@link IllegalArgumentException}; an unusable user name is named as {@code INFLUX_USERNAME})
   * @throws WeakSecretException if the shared secret file holds fewer than 256 bits
   */
  public static Credentials fromEnvironment(Map<String, String> environment) {
    Objects.requireNonNull(environment, "environment == null");
    return EnvironmentCredentials.from(environment);
  }

  /** The user name, when the scheme has one (not for tokens). */
  public abstract Optional<String> user();

  /**
   * The value of the {@code Authorization} header for the next request: for a JWT, a token minted afresh before
   * the previous one expires; for a file source, the file re-read if it changed.
   *
   * @throws CredentialSourceException if the source fails now (file removed, supplier failed, a re-read token file
   *     holding a character that cannot be in a header)
   * @throws IllegalStateException after {@link #close()}
   */
  public abstract String authorizationHeader(SecretAccess access);

  /** What kind of secret this is, for messages: {@code "password"}, {@code "token"}, {@code "JWT"}. */
  abstract String kind();

  /** Wipes held secrets; the credentials cannot be used afterwards. Idempotent. */
  @Override
  public abstract void close();
}
