package dev.secureinflux.tls.internal;

import java.io.ByteArrayInputStream;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.KeyStoreException;
import java.security.NoSuchAlgorithmException;
import java.security.NoSuchProviderException;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Arrays;

/**
 * Turns parsed material into the JDK's own key and certificate objects, which JSSE and the JDK's
 * {@code Signature} accept (objects of BouncyCastle's provider may not work there). Every factory is asked for by
 * the name of its JDK provider, so an application that registered BouncyCastle first still gets JDK objects.
 * Not API.
 */
public final class JdkObjects {
  /** The JDK provider of {@code CertificateFactory} X.509, {@code CertPathValidator} PKIX and JKS stores. */
  static final String SUN = "SUN";

  private JdkObjects() {}

  /** A JDK X.509 certificate parsed from DER. */
  public static X509Certificate certificate(byte[] der) throws CertificateException {
    return (X509Certificate) certificateFactory().generateCertificate(new ByteArrayInputStream(der));
  }

  /** The X.509 certificate factory of the JDK's SUN provider. */
  static CertificateFactory certificateFactory() throws CertificateException {
    try {
      return CertificateFactory.getInstance("X.509", SUN);
    } catch (NoSuchProviderException e) {
      throw missing(SUN, e);
    }
  }

  /** The JDK's key factory for {@code algorithm} (RSA: SunRsaSign; EC, Ed25519, Ed448, EdDSA: SunEC). */
  static KeyFactory keyFactory(String algorithm) throws NoSuchAlgorithmException {
    String provider = algorithm.equals("RSA") ? "SunRsaSign" : "SunEC";
    try {
      return KeyFactory.getInstance(algorithm, provider);
    } catch (NoSuchProviderException e) {
      throw missing(provider, e);
    }
  }

  /**
   * An empty {@code type} key store: JKS of the JDK's SUN provider; PKCS12 of the first provider that has one.
   * The store never reaches JSSE (its keys and certificates are re-made by the factories above), and SUN's
   * PKCS12 store cannot be named: it looks up its PBE ciphers and MACs by name alone, so with BouncyCastle
   * registered first it gets BouncyCastle's, which derive other keys, and refuses every JDK-written store as
   * "keystore password was incorrect".
   */
  static KeyStore keyStore(String type) throws KeyStoreException {
    if (!type.equals("JKS")) {
      return KeyStore.getInstance(type);
    }
    try {
      return KeyStore.getInstance(type, SUN);
    } catch (NoSuchProviderException e) {
      throw missing(SUN, e);
    }
  }

  private static IllegalStateException missing(String provider, NoSuchProviderException e) {
    return new IllegalStateException("the JDK provider " + provider + " is not installed (removed from"
        + " java.security?); this library hands JSSE only JDK key and certificate objects", e);
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

  /**
   * {@code key} as a JDK key object when it is encodable as PKCS#8, else {@code key} itself (a hardware key).
   */
  public static PrivateKey privateKey(PrivateKey key, String where) {
    byte[] encoded = "PKCS#8".equals(key.getFormat()) ? key.getEncoded() : null;
    if (encoded == null) {
      return key;
    }
    try {
      PrivateKey plain = Pkcs8.jdkKey(encoded); // Without BouncyCastle when it can; null: the usual way.
      return plain != null ? plain : KeyInfos.privateKey(encoded, where);
    } finally {
      Arrays.fill(encoded, (byte) 0);
    }
  }
}
