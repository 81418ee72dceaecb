package dev.secureinflux.auth.internal;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Mints InfluxDB 1.x shared-secret JWTs: HS256 with claims {@code username} and {@code exp}; not API. */
public final class Hs256Jwt {
  private static final Base64.Encoder URL = Base64.getUrlEncoder().withoutPadding();
  private static final String HEADER = URL.encodeToString(
      "{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));

  private Hs256Jwt() {}

  /**
   * The compact JWS {@code header.payload.signature}.
   *
   * @param key the shared secret's bytes, as InfluxDB uses them (the UTF-8 bytes of its configured string)
   * @param expiresAtEpochSecond the {@code exp} claim, seconds since the epoch
   */
  public static String mint(String username, long expiresAtEpochSecond, byte[] key) {
    String payload = "{\"username\":" + Json.quote(username) + ",\"exp\":" + expiresAtEpochSecond + "}";
    String signingInput = HEADER + "." + URL.encodeToString(payload.getBytes(StandardCharsets.UTF_8));
    byte[] signature = hmacSha256(key, signingInput.getBytes(StandardCharsets.US_ASCII));
    try {
      return signingInput + "." + URL.encodeToString(signature);
    } finally {
      Arrays.fill(signature, (byte) 0);
    }
  }

  /** HMAC-SHA256 with the JDK's provider. */
  public static byte[] hmacSha256(byte[] key, byte[] data) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(data);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is not available in this JDK", e);
    }
  }
}
