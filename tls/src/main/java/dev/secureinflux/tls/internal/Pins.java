package dev.secureinflux.tls.internal;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

/** SPKI pins ({@code sha256/<base64>}, the OkHttp/HPKP format) and certificate fingerprints. Not API. */
public final class Pins {
  private static final String PREFIX = "sha256/";

  private Pins() {}

  /** Checks and normalises a pin; IAE naming the value when it is not {@code sha256/} + base64 of 32 bytes. */
  public static String parse(String pin) {
    String p = pin.trim();
    if (!p.startsWith(PREFIX)) {
      throw new IllegalArgumentException("pin must start with sha256/ followed by the base64 SHA-256 of the"
          + " SubjectPublicKeyInfo (the OkHttp/HPKP format): " + pin);
    }
    byte[] hash;
    try {
      hash = Base64.getDecoder().decode(p.substring(PREFIX.length()));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("pin is not valid base64 after sha256/: " + pin, e);
    }
    if (hash.length != 32) {
      throw new IllegalArgumentException("pin must hold a 32-byte SHA-256 hash, this one holds " + hash.length
          + " bytes: " + pin);
    }
    return PREFIX + Base64.getEncoder().encodeToString(hash);
  }

  /** The pin of {@code certificate}'s public key. */
  public static String pin(X509Certificate certificate) {
    return PREFIX + Base64.getEncoder().encodeToString(sha256(certificate.getPublicKey().getEncoded()));
  }

  /** SHA-256 of the DER certificate as lowercase hex without colons. */
  public static String fingerprint(X509Certificate certificate) {
    try {
      return HexFormat.of().formatHex(sha256(certificate.getEncoded()));
    } catch (CertificateEncodingException e) {
      throw new IllegalStateException("cannot encode certificate " + certificate.getSubjectX500Principal(), e);
    }
  }

  /** True when a certificate of {@code path} has one of the {@code pins}. */
  public static boolean anyMatch(List<X509Certificate> path, Set<String> pins) {
    for (X509Certificate c : path) {
      if (pins.contains(pin(c))) {
        return true;
      }
    }
    return false;
  }

  /** The failure message: the peer chain's pins and the configured pins. */
  public static String mismatchMessage(String host, List<X509Certificate> path, Set<String> pins) {
    StringBuilder m = new StringBuilder("certificate pinning failure for ").append(host)
        .append(": no pin matches the verified chain\n  Verified chain:");
    for (X509Certificate c : path) {
      m.append("\n    ").append(pin(c)).append(": ").append(c.getSubjectX500Principal().getName());
    }
    m.append("\n  Configured pins:");
    for (String p : pins) {
      m.append("\n    ").append(p);
    }
    m.append("\n  Fix: pin a key of this chain, or check that this is the right server");
    return m.toString();
  }

  private static byte[] sha256(byte[] data) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(data);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from the JDK", e);
    }
  }
}
