package dev.secureinflux.tls.internal;

import dev.secureinflux.tls.MaterialFormatException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Arrays;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.edec.EdECObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;

/**
 * Turns parsed material into the JDK's own key and certificate objects, which JSSE and the JDK's
 * {@code Signature} accept (objects of BouncyCastle's provider may not work there). Not API.
 */
public final class JdkObjects {
  private JdkObjects() {}

  /** A JDK X.509 certificate parsed from DER. */
  public static X509Certificate certificate(byte[] der) throws CertificateException {
    return (X509Certificate) CertificateFactory.getInstance("X.509")
        .generateCertificate(new ByteArrayInputStream(der));
  }

  /** {@code certificate} re-parsed by the JDK's certificate factory. */
  public static X509Certificate certificate(X509Certificate certificate) {
    try {
      return certificate(certificate.getEncoded());
    } catch (CertificateException e) {
      throw new IllegalArgumentException("certificate cannot be re-encoded: "
          + certificate.getSubjectX500Principal().getName(), e);
    }
  }

  /** The JDK algorithm name for a private key's OID, or {@code null} when the key type is not supported. */
  public static String algorithm(ASN1ObjectIdentifier oid) {
    if (PKCSObjectIdentifiers.rsaEncryption.equals(oid)) {
      return "RSA";
    } else if (X9ObjectIdentifiers.id_ecPublicKey.equals(oid)) {
      return "EC";
    } else if (EdECObjectIdentifiers.id_Ed25519.equals(oid)) {
      return "Ed25519";
    } else if (EdECObjectIdentifiers.id_Ed448.equals(oid)) {
      return "Ed448";
    }
    return null;
  }

  /**
   * A JDK private key made from {@code info}; {@code where} names the file or source for messages.
   *
   * @throws MaterialFormatException if the key type is not RSA, EC, Ed25519 or Ed448, or the JDK rejects it
   */
  public static PrivateKey privateKey(PrivateKeyInfo info, String where) {
    ASN1ObjectIdentifier oid = info.getPrivateKeyAlgorithm().getAlgorithm();
    String algorithm = algorithm(oid);
    if (algorithm == null) {
      throw new MaterialFormatException(where + ": unsupported private key type (algorithm OID " + oid.getId()
          + "); use an RSA (2048 bits or more), EC P-256/P-384 or Ed25519 key");
    }
    byte[] encoded = null;
    try {
      encoded = info.getEncoded();
      return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(encoded));
    } catch (IOException | GeneralSecurityException e) {
      throw new MaterialFormatException(where + ": the " + algorithm
          + " private key is malformed or uses parameters the JDK does not support (" + e.getClass().getSimpleName()
          + "); re-export it as PKCS#8, e.g. openssl pkcs8 -topk8", null);
    } finally {
      if (encoded != null) {
        Arrays.fill(encoded, (byte) 0);
      }
    }
  }

  /**
   * {@code key} as a JDK key object when it is encodable as PKCS#8, else {@code key} itself (a hardware key).
   */
  public static PrivateKey privateKey(PrivateKey key, String where) {
    byte[] encoded = "PKCS#8".equals(key.getFormat()) ? key.getEncoded() : null;
    if (encoded == null) {
      return key;
    }
    try {
      return privateKey(PrivateKeyInfo.getInstance(encoded), where);
    } catch (IllegalArgumentException e) {
      throw new MaterialFormatException(where + ": the private key's PKCS#8 encoding is malformed", null);
    } finally {
      Arrays.fill(encoded, (byte) 0);
    }
  }
}
