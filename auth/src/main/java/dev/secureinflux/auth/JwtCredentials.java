package dev.secureinflux.auth;

import dev.secureinflux.auth.internal.Hs256Jwt;
import dev.secureinflux.auth.internal.SecretSource;
import dev.secureinflux.auth.internal.Utf8;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/** InfluxDB 1.x shared-secret JWT: HS256, claims username and exp, minted afresh at half its lifetime. */
final class JwtCredentials extends Credentials {
  static final int MIN_BITS = 256;

  private final String user;
  private final SecretSource secret;
  private final Duration lifetime;
  private final Clock clock;
  private String token;
  private Instant renewAt;
  private long secretVersion;

  private JwtCredentials(String user, SecretSource secret, Duration lifetime, Clock clock) {
    this.user = user;
    this.secret = secret;
    this.lifetime = lifetime;
    this.clock = clock;
  }

  static JwtCredentials checked(String user, SecretSource secret, Duration lifetime, Clock clock) {
    try {
      JwtCredentials credentials = new JwtCredentials(checkUser(user), secret, checkLifetime(lifetime),
          Objects.requireNonNull(clock, "clock == null"));
      credentials.authorizationHeader(InsecureSecretAccess.get());
      return credentials;
    } catch (RuntimeException e) {
      secret.close();
      throw e;
    }
  }

  static String checkUser(String user) {
    Objects.requireNonNull(user, "user == null");
    if (user.isBlank()) {
      throw new IllegalArgumentException("user is blank: give the InfluxDB user name for the JWT username claim");
    }
    Utf8.checkNoUnpairedSurrogate(user, "user name");
    return user;
  }

  static Duration checkLifetime(Duration lifetime) {
    Objects.requireNonNull(lifetime, "lifetime == null");
    if (lifetime.compareTo(MIN_JWT_LIFETIME) < 0 || lifetime.compareTo(MAX_JWT_LIFETIME) > 0) {
      throw new IllegalArgumentException("JWT lifetime must be between " + MIN_JWT_LIFETIME + " and "
          + MAX_JWT_LIFETIME + ": " + lifetime);
    }
    return lifetime;
  }

  /** Refuses secrets under 256 bits of UTF-8, as InfluxDB uses them; never shows the secret. */
  static void checkStrength(char[] secret, String what) {
    byte[] bytes = Utf8.encode(secret, what);
    int bits = bytes.length * 8;
    Arrays.fill(bytes, (byte) 0);
    if (bits == 0) {
      throw new WeakSecretException(what + " is empty (0 bits): InfluxDB before 1.7.6 accepted tokens signed with"
          + " an empty secret (CVE-2019-20933); HS256 needs at least " + MIN_BITS + " bits (RFC 7518 section 3.2),"
          + " e.g. from: openssl rand -base64 32");
    }
    if (bits < MIN_BITS) {
      throw new WeakSecretException(what + " has " + bits + " bits; HS256 needs at least " + MIN_BITS
          + " bits, 32 bytes (RFC 7518 section 3.2): configure a longer shared-secret, e.g. from:"
          + " openssl rand -base64 32");
    }
  }

  @Override
  public Optional<String> user() {
    return Optional.of(user);
  }

  @Override
  public synchronized String authorizationHeader(SecretAccess access) {
    Objects.requireNonNull(access, "access == null");
    char[] chars = secret.get(); // Re-reads a file source if it changed.
    try {
      Instant now = clock.instant();
      long version = secret.version();
      if (token == null || version != secretVersion || !now.isBefore(renewAt)) {
        checkStrength(chars, secret.describe());
        byte[] key = Utf8.encode(chars, secret.describe());
        try {
          long exp = now.getEpochSecond() + lifetime.getSeconds();
          token = Hs256Jwt.mint(user, exp, key);
          // Half the lifetime: influxd allows no leeway on exp, so a late client clock needs a wide margin.
          renewAt = Instant.ofEpochSecond(exp).minus(lifetime.dividedBy(2));
          secretVersion = version;
        } finally {
          Arrays.fill(key, (byte) 0);
        }
      }
      return "Bearer " + token;
    } finally {
      Arrays.fill(chars, '\0');
    }
  }

  @Override
  String kind() {
    return "JWT";
  }

  @Override
  public synchronized void close() {
    token = null;
    secret.close();
  }

  /** Format unspecified; never contains secrets. */
  @Override
  public String toString() {
    return "Credentials.jwt(user=" + user + ", lifetime=" + lifetime + ", " + secret + ")";
  }
}
