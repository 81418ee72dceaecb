package dev.secureinflux.auth;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.secureinflux.auth.internal.Hs256Jwt;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class JwtCredentialsTest {
  private static final SecretAccess ACCESS = InsecureSecretAccess.get();
  private static final String KEY = "0123456789abcdef0123456789abcdef"; // 32 bytes = 256 bits

  /** A clock the test moves by hand. */
  static final class MutableClock extends Clock {
    Instant now;

    MutableClock(Instant now) {
      this.now = now;
    }

    @Override
    public java.time.ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  @Test
  void mint_fixedInput_matchesOpensslVector() {
    // H=base64url('{"alg":"HS256","typ":"JWT"}'), P=base64url('{"username":"alice","exp":1700000000}'),
    // S=$(printf '%s' "$H.$P" | openssl dgst -sha256 -mac HMAC -macopt key:0123456789abcdef0123456789abcdef -binary)
    String expected = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9"
        + ".eyJ1c2VybmFtZSI6ImFsaWNlIiwiZXhwIjoxNzAwMDAwMDAwfQ"
        + ".oXHgCbpJJ8TamMutQhKjCV3eFdK8O6PskjG_wQuYwOo";
    assertEquals(expected, Hs256Jwt.mint("alice", 1_700_000_000L, KEY.getBytes(StandardCharsets.US_ASCII)));
  }

  @Test
  void authorizationHeader_jwt_isBearerWithUsernameAndExpVerifiedByJdkMac() throws Exception {
    MutableClock clock = new MutableClock(Instant.ofEpochSecond(1_700_000_000L));
    Credentials credentials = Credentials.jwt("alice", KEY.toCharArray(), Duration.ofMinutes(10), clock);
    String header = credentials.authorizationHeader(ACCESS);
    assertTrue(header.startsWith("Bearer "), header);
    String[] parts = header.substring(7).split("\\.");
    assertEquals(3, parts.length);
    String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
    assertEquals("{\"username\":\"alice\",\"exp\":1700000600}", payload);
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(KEY.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    byte[] expected = mac.doFinal((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
    assertArrayEquals(expected, Base64.getUrlDecoder().decode(parts[2]));
  }

  @Test
  void authorizationHeader_userNeedingJsonEscapes_isEscaped() {
    MutableClock clock = new MutableClock(Instant.ofEpochSecond(100));
    Credentials credentials = Credentials.jwt("a\"b\\c\nä", KEY.toCharArray(), Duration.ofMinutes(1), clock);
    String payload = new String(Base64.getUrlDecoder().decode(
        credentials.authorizationHeader(ACCESS).substring(7).split("\\.")[1]), StandardCharsets.UTF_8);
    assertEquals("{\"username\":\"a\\\"b\\\\c\\nä\",\"exp\":160}", payload);
  }

  @Test
  void authorizationHeader_beforeRenewal_reusesToken() {
    MutableClock clock = new MutableClock(Instant.ofEpochSecond(1_000_000));
    Credentials credentials = Credentials.jwt("alice", KEY.toCharArray(), Duration.ofMinutes(10), clock);
    String first = credentials.authorizationHeader(ACCESS);
    clock.now = clock.now.plus(Duration.ofMinutes(4)); // 6 minutes left, renewal at half the lifetime
    assertEquals(first, credentials.authorizationHeader(ACCESS));
  }

  @Test
  void authorizationHeader_nearExpiry_mintsFreshTokenBeforeOldExpires() {
    MutableClock clock = new MutableClock(Instant.ofEpochSecond(1_000_000));
    Credentials credentials = Credentials.jwt("alice", KEY.toCharArray(), Duration.ofMinutes(10), clock);
    String first = credentials.authorizationHeader(ACCESS);
    clock.now = clock.now.plus(Duration.ofMinutes(5)); // exactly the renewal point, old one valid 5 more minutes
    String second = credentials.authorizationHeader(ACCESS);
    assertNotEquals(first, second);
    String payload = new String(Base64.getUrlDecoder().decode(second.substring(7).split("\\.")[1]),
        StandardCharsets.UTF_8);
    assertTrue(payload.contains("\"exp\":" + (1_000_000 + 15 * 60)), payload);
  }

  @Test
  void authorizationHeader_shortLifetime_renewsAtHalfLife() {
    MutableClock clock = new MutableClock(Instant.ofEpochSecond(5_000));
    Credentials credentials = Credentials.jwt("alice", KEY.toCharArray(), Duration.ofSeconds(20), clock);
    String first = credentials.authorizationHeader(ACCESS);
    clock.now = clock.now.plusSeconds(9);
    assertEquals(first, credentials.authorizationHeader(ACCESS));
    clock.now = clock.now.plusSeconds(1);
    assertNotEquals(first, credentials.authorizationHeader(ACCESS));
  }

  @Test
  void jwt_emptySecret_throwsWeakWithCve() {
    WeakSecretException e = assertThrows(WeakSecretException.class,
        () -> Credentials.jwt("alice", new char[0], Duration.ofMinutes(5)));
    assertTrue(e.getMessage().contains("0 bits") && e.getMessage().contains("CVE-2019-20933")
        && e.getMessage().contains("256"), e.getMessage());
  }

  @Test
  void jwt_255BitSecret_throwsWeakWithActualBits() {
    char[] secret = "0123456789abcdef0123456789abcde".toCharArray(); // 31 bytes
    WeakSecretException e = assertThrows(WeakSecretException.class,
        () -> Credentials.jwt("alice", secret, Duration.ofMinutes(5)));
    assertTrue(e.getMessage().contains("has 248 bits") && e.getMessage().contains("at least 256 bits")
        && e.getMessage().contains("RFC 7518"), e.getMessage());
    assertFalse(e.getMessage().contains("0123456789"), e.getMessage());
  }

  @Test
  void jwt_nonAsciiSecret_countsUtf8Bytes() {
    // 16 chars but 32 UTF-8 bytes: accepted, as InfluxDB uses the bytes.
    Credentials.jwt("alice", "ääääääääääääääää".toCharArray(), Duration.ofMinutes(5)).close();
  }

  @Test
  void jwt_blankUser_throws() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Credentials.jwt("  ", KEY.toCharArray(), Duration.ofMinutes(5)));
    assertTrue(e.getMessage().contains("user is blank"), e.getMessage());
  }

  @Test
  void jwt_lifetimeOutOfRange_throws() {
    IllegalArgumentException zero = assertThrows(IllegalArgumentException.class,
        () -> Credentials.jwt("alice", KEY.toCharArray(), Duration.ZERO));
    assertTrue(zero.getMessage().contains("between PT10S and PT24H: PT0S"), zero.getMessage());
    IllegalArgumentException long_ = assertThrows(IllegalArgumentException.class,
        () -> Credentials.jwt("alice", KEY.toCharArray(), Duration.ofDays(2)));
    assertTrue(long_.getMessage().contains("PT48H"), long_.getMessage());
  }

  @Test
  void toString_jwt_containsNoSecretOrToken() {
    Credentials credentials = Credentials.jwt("alice", KEY.toCharArray(), Duration.ofMinutes(5));
    String token = credentials.authorizationHeader(ACCESS).substring(7);
    String s = credentials.toString();
    assertEquals("Credentials.jwt(user=alice, lifetime=PT5M, JWT shared secret=<redacted>)", s);
    assertFalse(s.contains(KEY) || s.contains(token), s);
  }

  @Test
  void close_jwt_refusesUse() {
    Credentials credentials = Credentials.jwt("alice", KEY.toCharArray(), Duration.ofMinutes(5));
    credentials.close();
    assertThrows(IllegalStateException.class, () -> credentials.authorizationHeader(ACCESS));
  }

  @Test
  void authorizationHeader_defaultLifetime_renewsAtHalfLifeSoALateServerClockStillAccepts() {
    // influxd allows no leeway on exp: with a one-minute margin, a server clock 90 s ahead refused the old token.
    MutableClock clock = new MutableClock(Instant.ofEpochSecond(2_000_000));
    Credentials credentials = Credentials.jwt("alice", KEY.toCharArray(), Duration.ofMinutes(15), clock);
    String first = credentials.authorizationHeader(ACCESS);
    clock.now = clock.now.plusSeconds(7 * 60 + 29);
    assertEquals(first, credentials.authorizationHeader(ACCESS));
    clock.now = clock.now.plusSeconds(1); // 7.5 minutes in: half the lifetime
    String second = credentials.authorizationHeader(ACCESS);
    assertNotEquals(first, second);
    String payload = new String(Base64.getUrlDecoder().decode(second.substring(7).split("\\.")[1]),
        StandardCharsets.UTF_8);
    assertTrue(payload.contains("\"exp\":" + (2_000_000 + 7 * 60 + 30 + 15 * 60)), payload);
  }

  @Test
  void jwt_userWithUnpairedSurrogate_throws() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Credentials.jwt("a\uD800b", KEY.toCharArray(), Duration.ofMinutes(5)));
    assertEquals("user name holds an unpaired UTF-16 surrogate at index 1: it is not valid text and would be sent"
        + " as '?'", e.getMessage());
  }
}
