package dev.secureinflux.tls.internal;

import java.io.ByteArrayInputStream;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Arrays;

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
