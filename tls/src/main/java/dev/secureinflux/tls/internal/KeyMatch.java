package dev.secureinflux.tls.internal;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.EdECPrivateKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.util.Arrays;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.params.Ed448PrivateKeyParameters;
import org.bouncycastle.crypto.params.Ed448PublicKeyParameters;
import org.bouncycastle.crypto.params.RSAKeyParameters;
import org.bouncycastle.crypto.params.RSAPrivateCrtKeyParameters;
import org.bouncycastle.crypto.util.PrivateKeyFactory;
import org.bouncycastle.crypto.util.PublicKeyFactory;
import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.math.ec.FixedPointCombMultiplier;

/**
 * Whether a private key belongs to a public key: by the public key derived from the private key (BouncyCastle's
 * arithmetic), else by a test signature. The JDK answers first where its answer is the same (RSA with CRT
 * values, EC and EdDSA keys it can sign with), so a usual identity loads no BouncyCastle class; what the JDK
 * cannot settle (a failed signature with a matching RSA modulus, a key the JDK cannot sign with, other key
 * classes) goes to BouncyCastle as before. Not API.
 */
final class KeyMatch {
  /** How a key was found to belong, or not. */
  enum Result {
    /** The key does not belong to the public key. */
    NONE,
    /** The derived public key is equal; a test signature is still to be made. */
    DERIVED,
    /** A test signature made with the key verified with the public key. */
    SIGNED
  }

  private KeyMatch() {}

  /** Whether {@code key} belongs to {@code pub}. */
  static Result of(PrivateKey key, PublicKey pub) {
    byte[] encoded = "PKCS#8".equals(key.getFormat()) ? key.getEncoded() : null;
    if (encoded == null) {
      return Chains.signatureMatches(key, pub) ? Result.SIGNED : Result.NONE;
    }
    Arrays.fill(encoded, (byte) 0);
    Boolean jdk = jdkMatch(key, pub);
    if (jdk != null) {
      return jdk ? Result.SIGNED : Result.NONE;
    }
    Boolean derived = Bc.derivedMatch(key, pub);
    if (derived != null) {
      return derived ? Result.DERIVED : Result.NONE;
    }
    return Chains.signatureMatches(key, pub) ? Result.SIGNED : Result.NONE;
  }

  /**
   * The JDK's answer where it equals BouncyCastle's derivation followed by the test signature, else {@code null}.
   * A different RSA modulus or exponent cannot verify a signature; for EC and EdDSA a signature the JDK made that
   * does not verify means the derived public key differs.
   */
  private static Boolean jdkMatch(PrivateKey key, PublicKey pub) {
    if (key instanceof RSAPrivateCrtKey) {
      RSAPrivateCrtKey rsa = (RSAPrivateCrtKey) key;
      if (!(pub instanceof RSAPublicKey) || !rsa.getModulus().equals(((RSAPublicKey) pub).getModulus())
          || !rsa.getPublicExponent().equals(((RSAPublicKey) pub).getPublicExponent())) {
        return false;
      }
      return Chains.signatureMatches(key, pub) ? Boolean.TRUE : null;
    }
    if (!(key instanceof ECPrivateKey) && !(key instanceof EdECPrivateKey)) {
      return null;
    }
    String algorithm = key instanceof ECPrivateKey ? "SHA256withECDSA" : "EdDSA";
    byte[] data = new byte[32];
    new SecureRandom().nextBytes(data);
    byte[] signature;
    try {
      Signature signer = Signature.getInstance(algorithm);
      signer.initSign(key);
      signer.update(data);
      signature = signer.sign();
    } catch (GeneralSecurityException | RuntimeException e) {
      return null; // The JDK cannot sign with this key: BouncyCastle decides.
    }
    try {
      Signature verifier = Signature.getInstance(algorithm);
      verifier.initVerify(pub);
      verifier.update(data);
      return verifier.verify(signature);
    } catch (GeneralSecurityException | RuntimeException e) {
      return false; // Another key type or curve.
    }
  }

  /** The public key derivation with BouncyCastle (as before); nested so that it loads only when used. */
  static final class Bc {
    private Bc() {}

    /** Whether the public key derived from {@code key} equals {@code pub}; {@code null} when it cannot be derived. */
    static Boolean derivedMatch(PrivateKey key, PublicKey pub) {
      byte[] encoded = "PKCS#8".equals(key.getFormat()) ? key.getEncoded() : null;
      if (encoded == null) {
        return null;
      }
      try {
        AsymmetricKeyParameter priv = PrivateKeyFactory.createKey(encoded);
        AsymmetricKeyParameter p = PublicKeyFactory.createKey(pub.getEncoded());
        if (priv instanceof RSAPrivateCrtKeyParameters && p instanceof RSAKeyParameters) {
          RSAPrivateCrtKeyParameters rsa = (RSAPrivateCrtKeyParameters) priv;
          RSAKeyParameters q = (RSAKeyParameters) p;
          return rsa.getModulus().equals(q.getModulus()) && rsa.getPublicExponent().equals(q.getExponent());
        } else if (priv instanceof ECPrivateKeyParameters && p instanceof ECPublicKeyParameters) {
          ECPrivateKeyParameters ec = (ECPrivateKeyParameters) priv;
          ECPublicKeyParameters q = (ECPublicKeyParameters) p;
          if (!ec.getParameters().getCurve().equals(q.getParameters().getCurve())) {
            return false;
          }
          ECPoint derived = new FixedPointCombMultiplier().multiply(ec.getParameters().getG(), ec.getD())
              .normalize();
          return derived.equals(q.getQ().normalize());
        } else if (priv instanceof Ed25519PrivateKeyParameters && p instanceof Ed25519PublicKeyParameters) {
          return Arrays.equals(((Ed25519PrivateKeyParameters) priv).generatePublicKey().getEncoded(),
              ((Ed25519PublicKeyParameters) p).getEncoded());
        } else if (priv instanceof Ed448PrivateKeyParameters && p instanceof Ed448PublicKeyParameters) {
          return Arrays.equals(((Ed448PrivateKeyParameters) priv).generatePublicKey().getEncoded(),
              ((Ed448PublicKeyParameters) p).getEncoded());
        } else if (priv instanceof RSAKeyParameters && p instanceof RSAKeyParameters) {
          return null;
        }
        return false;
      } catch (IOException | RuntimeException e) {
        return null;
      } finally {
        Arrays.fill(encoded, (byte) 0);
      }
    }
  }
}
