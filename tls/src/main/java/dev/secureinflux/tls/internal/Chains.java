package dev.secureinflux.tls.internal;

import dev.secureinflux.tls.CertificateValidityException;
import dev.secureinflux.tls.KeyMismatchException;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Chain normalisation (leaf first, each next certificate the issuer of the previous, duplicates dropped),
 * key-to-leaf matching and validity checks of a client identity. Not API.
 */
public final class Chains {
  /** A client certificate that expires within this time is loaded with a warning. */
  public static final Duration EXPIRY_WARNING = Duration.ofDays(30);

  private Chains() {}

  /**
   * The certificates ordered leaf first: the leaf is the certificate whose public key belongs to {@code key},
   * then each issuer in turn; duplicates are dropped.
   *
   * @param where names the chain (and key) source for messages
   * @throws KeyMismatchException if no certificate belongs to the key, or a certificate does not link
   */
  public static List<X509Certificate> normalise(PrivateKey key, List<X509Certificate> certificates, String where) {
    Map<ByteBuffer, X509Certificate> unique = new LinkedHashMap<>();
    for (X509Certificate c : certificates) {
      unique.putIfAbsent(ByteBuffer.wrap(encoded(c)), c);
    }
    List<X509Certificate> remaining = new ArrayList<>(unique.values());
    X509Certificate leaf = findLeaf(key, remaining, where);
    remaining.remove(leaf);
    List<X509Certificate> ordered = new ArrayList<>();
    ordered.add(leaf);
    X509Certificate current = leaf;
    while (!remaining.isEmpty() && !selfSigned(current)) {
      X509Certificate issuer = issuerOf(current, remaining);
      if (issuer == null) {
        break;
      }
      ordered.add(issuer);
      remaining.remove(issuer);
      current = issuer;
    }
    if (!remaining.isEmpty()) {
      throw new KeyMismatchException(where + ": the chain does not link: " + subjects(remaining)
          + " is not the issuer of any certificate in the chain " + subjects(ordered)
          + " (leaf first); remove the certificate(s) that do not belong or add the missing intermediate");
    }
    return List.copyOf(ordered);
  }

  /**
   * Refuses a chain whose leaf or intermediates are expired or not yet valid at {@code clock}, and warns through
   * {@code System.getLogger("dev.secureinflux.tls")} when the leaf expires within {@link #EXPIRY_WARNING}.
   *
   * @throws CertificateValidityException naming the certificate, its validity and the current time
   */
  public static void checkValidity(List<X509Certificate> chain, Clock clock, String where) {
    Instant now = clock.instant();
    for (int i = 0; i < chain.size(); i++) {
      X509Certificate c = chain.get(i);
      if (i > 0 && selfSigned(c)) {
        continue;
      }
      String what = (i == 0 ? "client certificate '" : "chain certificate '") + subject(c) + "'";
      Instant notAfter = c.getNotAfter().toInstant();
      Instant notBefore = c.getNotBefore().toInstant();
      if (now.isAfter(notAfter)) {
        throw new CertificateValidityException(where + ": " + what + " expired on " + notAfter + " (now " + now
            + "); renew the certificate and replace the file");
      }
      if (now.isBefore(notBefore)) {
        throw new CertificateValidityException(where + ": " + what + " is not valid before " + notBefore
            + " (now " + now + "); check this machine's clock, or wait until it becomes valid");
      }
    }
    X509Certificate leaf = chain.get(0);
    Instant notAfter = leaf.getNotAfter().toInstant();
    if (Duration.between(now, notAfter).compareTo(EXPIRY_WARNING) < 0) {
      TlsLog.get().log(System.Logger.Level.WARNING, where + ": client certificate '" + subject(leaf) + "' expires on "
          + notAfter + ", in less than " + EXPIRY_WARNING.toDays() + " days; renew it soon");
    }
  }

  /** The RFC 2253 subject name of {@code c}. */
  public static String subject(X509Certificate c) {
    return c.getSubjectX500Principal().getName();
  }

  private static String subjects(List<X509Certificate> certificates) {
    return certificates.stream().map(c -> "'" + subject(c) + "'").collect(Collectors.joining(", ", "[", "]"));
  }

  private static X509Certificate findLeaf(PrivateKey key, List<X509Certificate> candidates, String where) {
    X509Certificate leaf = null;
    boolean signed = false;
    for (X509Certificate c : candidates) {
      KeyMatch.Result match = KeyMatch.of(key, c.getPublicKey());
      if (match != KeyMatch.Result.NONE && (leaf == null || isCa(leaf) && !isCa(c))) {
        leaf = c;
        signed = match == KeyMatch.Result.SIGNED;
      }
    }
    if (leaf == null) {
      throw new KeyMismatchException(where + ": the private key (" + key.getAlgorithm()
          + ") does not belong to any certificate of the chain " + subjects(candidates)
          + "; use the key the certificate was issued for, or the certificate issued for this key");
    }
    if (!signed && !signatureMatches(key, leaf.getPublicKey())) {
      throw new KeyMismatchException(where + ": a test signature with the private key does not verify with the"
          + " public key of '" + subject(leaf) + "'; the key is damaged or does not belong to the certificate");
    }
    return leaf;
  }

  private static X509Certificate issuerOf(X509Certificate child, List<X509Certificate> candidates) {
    for (X509Certificate c : candidates) {
      if (c.getSubjectX500Principal().equals(child.getIssuerX500Principal()) && signedBy(child, c.getPublicKey())) {
        return c;
      }
    }
    return null;
  }

  private static boolean selfSigned(X509Certificate c) {
    return c.getSubjectX500Principal().equals(c.getIssuerX500Principal()) && signedBy(c, c.getPublicKey());
  }

  private static boolean isCa(X509Certificate c) {
    return c.getBasicConstraints() >= 0;
  }

  private static boolean signedBy(X509Certificate c, PublicKey key) {
    try {
      c.verify(key);
      return true;
    } catch (GeneralSecurityException e) {
      return false;
    }
  }

  /** Whether a signature made with {@code key} verifies with {@code pub}, using the JDK's own providers. */
  public static boolean signatureMatches(PrivateKey key, PublicKey pub) {
    String algorithm = signatureAlgorithm(key.getAlgorithm());
    if (algorithm == null) {
      return false;
    }
    try {
      byte[] data = new byte[32];
      new SecureRandom().nextBytes(data);
      Signature signer = Signature.getInstance(algorithm);
      signer.initSign(key);
      signer.update(data);
      byte[] signature = signer.sign();
      Signature verifier = Signature.getInstance(algorithm);
      verifier.initVerify(pub);
      verifier.update(data);
      return verifier.verify(signature);
    } catch (GeneralSecurityException | RuntimeException e) {
      return false;
    }
  }

  private static String signatureAlgorithm(String keyAlgorithm) {
    switch (keyAlgorithm) {
      case "RSA":
        return "SHA256withRSA";
      case "EC":
        return "SHA256withECDSA";
      case "Ed25519":
      case "Ed448":
      case "EdDSA":
        return "EdDSA";
      default:
        return null;
    }
  }

  private static byte[] encoded(X509Certificate c) {
    try {
      return c.getEncoded();
    } catch (CertificateEncodingException e) {
      throw new IllegalArgumentException("certificate cannot be encoded: " + subject(c), e);
    }
  }
}
