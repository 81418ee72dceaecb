package dev.secureinflux.internal;

import dev.secureinflux.InvalidPinException;
import java.util.Base64;

/** Checks the form of certificate pins: {@code sha256/} and the base64 of a 32-byte SHA-256 digest. */
public final class Pins {
  private static final String PREFIX = "sha256/";

  private Pins() {}

  /** Returns {@code pin} stripped of surrounding white space, or throws {@link InvalidPinException}. */
  public static String check(String pin) {
    String p = pin.strip();
    String shown = p.length() > 80 ? p.substring(0, 80) + "..." : p;
    if (!p.startsWith(PREFIX)) {
      throw new InvalidPinException("pin '" + shown + "' must start with 'sha256/' followed by the base64 "
          + "SHA-256 of the server's SubjectPublicKeyInfo, e.g. from "
          + "'openssl x509 -pubkey -noout | openssl pkey -pubin -outform der | openssl dgst -sha256 -binary "
          + "| base64'");
    }
    byte[] digest;
    try {
      digest = Base64.getDecoder().decode(p.substring(PREFIX.length()));
    } catch (IllegalArgumentException e) {
      throw new InvalidPinException("pin '" + shown + "' is not valid base64 after 'sha256/': " + e.getMessage());
    }
    if (digest.length != 32) {
      throw new InvalidPinException("pin '" + shown + "' decodes to " + digest.length
          + " bytes; a SHA-256 pin is 32 bytes (44 base64 characters ending in '=')");
    }
    return p;
  }
}
