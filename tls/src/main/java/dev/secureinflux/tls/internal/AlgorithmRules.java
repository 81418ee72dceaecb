package dev.secureinflux.tls.internal;

import static dev.secureinflux.tls.CertificateRejectedException.Reason.WEAK_KEY;
import static dev.secureinflux.tls.CertificateRejectedException.Reason.WEAK_SIGNATURE;

import dev.secureinflux.tls.CertificateRejectedException;
import java.security.PublicKey;
import java.security.interfaces.DSAPublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.cert.X509Certificate;
import java.util.Set;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.pkcs.RSASSAPSSparams;

/** Key size and signature rules that hold whatever the JDK's java.security says. Not API. */
final class AlgorithmRules {
  static final int MIN_RSA_BITS = 2048;
  static final int MIN_EC_BITS = 256;
  private static final String RSASSA_PSS = "1.2.840.113549.1.1.10";
  private static final Set<String> WEAK_SIGNATURE_OIDS = Set.of(
      "1.2.840.113549.1.1.2", // md2WithRSAEncryption
      "1.2.840.113549.1.1.4", // md5WithRSAEncryption
      "1.2.840.113549.1.1.5", // sha1WithRSAEncryption
      "1.3.14.3.2.29", // sha1WithRSAEncryption (OIW)
      "1.2.840.10045.4.1", // ecdsa-with-SHA1
      "1.2.840.10040.4.3"); // dsa-with-sha1
  private static final Set<String> WEAK_DIGEST_OIDS = Set.of(
      "1.3.14.3.2.26", // SHA-1
      "1.2.840.113549.2.5"); // MD5

  private AlgorithmRules() {}

  /** RSA at least 2048 bits, EC at least 256 bits, EdDSA; anything else is refused. */
  static void checkKey(X509Certificate c) throws CertificateRejectedException {
    PublicKey key = c.getPublicKey();
    int bits;
    int min;
    if (key instanceof RSAPublicKey) {
      bits = ((RSAPublicKey) key).getModulus().bitLength();
      min = MIN_RSA_BITS;
    } else if (key instanceof ECPublicKey) {
      bits = ((ECPublicKey) key).getParams().getCurve().getField().getFieldSize();
      min = MIN_EC_BITS;
    } else if (key.getAlgorithm().equals("EdDSA") || key.getAlgorithm().startsWith("Ed")) {
      return;
    } else {
      String size = key instanceof DSAPublicKey ? " " + ((DSAPublicKey) key).getParams().getP().bitLength()
          + "-bit" : "";
      throw new CertificateRejectedException(WEAK_KEY, "certificate " + ChainChecker.name(c) + " has a" + size
          + " " + key.getAlgorithm() + " key, which the policy does not accept; use RSA (2048+ bits),"
          + " EC (256+ bits) or Ed25519");
    }
    if (bits < min) {
      throw new CertificateRejectedException(WEAK_KEY, "certificate " + ChainChecker.name(c) + " has a " + bits
          + "-bit " + key.getAlgorithm() + " key; the policy requires at least " + min + " bits: reissue it"
          + " with a stronger key");
    }
  }

  /** No SHA-1 or MD5 (or MD2) signature, RSASSA-PSS with a SHA-1 hash included. */
  static void checkSignature(X509Certificate c) throws CertificateRejectedException {
    String oid = c.getSigAlgOID();
    boolean weak = WEAK_SIGNATURE_OIDS.contains(oid);
    if (!weak && RSASSA_PSS.equals(oid) && c.getSigAlgParams() != null) {
      try {
        ASN1ObjectIdentifier hash = RSASSAPSSparams.getInstance(c.getSigAlgParams()).getHashAlgorithm()
            .getAlgorithm();
        weak = WEAK_DIGEST_OIDS.contains(hash.getId());
      } catch (RuntimeException e) {
        weak = true; // Unreadable parameters: refuse rather than guess.
      }
    }
    if (weak) {
      throw new CertificateRejectedException(WEAK_SIGNATURE, "certificate " + ChainChecker.name(c)
          + " is signed with " + c.getSigAlgName() + "; the policy refuses SHA-1 and MD5 signatures below the"
          + " trust anchor: reissue it signed with SHA-256 or better");
    }
  }
}
