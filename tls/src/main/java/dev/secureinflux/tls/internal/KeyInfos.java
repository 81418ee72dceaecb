package dev.secureinflux.tls.internal;

import dev.secureinflux.tls.MaterialFormatException;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Arrays;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.edec.EdECObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;

/**
 * PKCS#8 {@code PrivateKeyInfo} structures parsed by BouncyCastle, made into JDK private keys. Kept apart from
 * {@link JdkObjects} so that certificates and plain PKCS#8 keys ({@link Pkcs8}) load no BouncyCastle class.
 * Not API.
 */
final class KeyInfos {
  private KeyInfos() {}

  /** The JDK algorithm name for a private key's OID, or {@code null} when the key type is not supported. */
  static String algorithm(ASN1ObjectIdentifier oid) {
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
  static PrivateKey privateKey(PrivateKeyInfo info, String where) {
    ASN1ObjectIdentifier oid = info.getPrivateKeyAlgorithm().getAlgorithm();
    String algorithm = algorithm(oid);
    if (algorithm == null) {
      throw new MaterialFormatException(where + ": unsupported private key type (algorithm OID " + oid.getId()
          + "); use an RSA (2048 bits or more), EC P-256/P-384 or Ed25519 key");
    }
    byte[] encoded = null;
    try {
      encoded = info.getEncoded();
      return JdkObjects.keyFactory(algorithm).generatePrivate(new PKCS8EncodedKeySpec(encoded));
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
   * A JDK private key made from the PKCS#8 {@code encoded}.
   *
   * @throws MaterialFormatException if the encoding is malformed or the key is refused as above
   */
  static PrivateKey privateKey(byte[] encoded, String where) {
    try {
      return privateKey(PrivateKeyInfo.getInstance(encoded), where);
    } catch (IllegalArgumentException e) {
      throw new MaterialFormatException(where + ": the private key's PKCS#8 encoding is malformed", null);
    }
  }
}
