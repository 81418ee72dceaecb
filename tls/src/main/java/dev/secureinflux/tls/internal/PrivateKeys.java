package dev.secureinflux.tls.internal;

import dev.secureinflux.tls.MaterialFormatException;
import dev.secureinflux.tls.PassphraseException;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.util.Arrays;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.pkcs.RSAPrivateKey;
import org.bouncycastle.asn1.sec.ECPrivateKey;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8DecryptorProviderBuilder;
import org.bouncycastle.openssl.jcajce.JcePEMDecryptorProviderBuilder;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;
import org.bouncycastle.util.encoders.Hex;

/**
 * Decodes one PEM private key block, decrypting it when needed, into a JDK private key: PKCS#8, encrypted
 * PKCS#8, PKCS#1 RSA, SEC1 EC and OpenSSL's legacy encrypted PEM. BouncyCastle's provider is passed as an
 * instance, never registered. Not API.
 */
public final class PrivateKeys {
  private PrivateKeys() {}

  /**
   * The private key of {@code block}.
   *
   * @param ecParameters the DER of a preceding {@code EC PARAMETERS} block, or {@code null}
   * @param passphrase may be {@code null}; it is not kept
   * @throws PassphraseException when the key is encrypted and the passphrase is missing or wrong
   * @throws MaterialFormatException when the block is corrupt or of an unsupported kind
   */
  public static PrivateKey decode(PemBlocks.Block block, byte[] ecParameters, char[] passphrase, Path file) {
    String where = file + ": PEM " + block.describe();
    boolean legacyEncrypted = block.headers.getOrDefault("Proc-Type", "").contains("ENCRYPTED");
    byte[] der = block.der;
    byte[] decrypted = null;
    try {
      if (legacyEncrypted) {
        decrypted = decryptLegacy(block, passphrase, where);
        der = decrypted;
      }
      PrivateKeyInfo info;
      try {
        info = keyInfo(block, der, ecParameters, passphrase, where);
      } catch (java.io.IOException | IllegalArgumentException | IllegalStateException | ClassCastException e) {
        if (legacyEncrypted) {
          throw wrongPassphrase(where);
        }
        throw new MaterialFormatException(where + " is not a valid private key (corrupt or truncated); re-export it",
            null);
      }
      return KeyInfos.privateKey(info, where);
    } finally {
      if (decrypted != null) {
        Arrays.fill(decrypted, (byte) 0);
      }
    }
  }

  private static PrivateKeyInfo keyInfo(PemBlocks.Block block, byte[] der, byte[] ecParameters, char[] passphrase,
      String where) throws java.io.IOException {
    switch (block.type) {
      case "PRIVATE KEY":
        return PrivateKeyInfo.getInstance(der);
      case "ENCRYPTED PRIVATE KEY":
        return decryptPkcs8(der, passphrase, where);
      case "RSA PRIVATE KEY":
        return new PrivateKeyInfo(new AlgorithmIdentifier(PKCSObjectIdentifiers.rsaEncryption, DERNull.INSTANCE),
            RSAPrivateKey.getInstance(der));
      case "EC PRIVATE KEY":
        ECPrivateKey ec = ECPrivateKey.getInstance(der);
        ASN1Encodable params = ec.getParametersObject();
        if (params == null) {
          if (ecParameters == null) {
            throw new MaterialFormatException(where + " does not name its curve and no EC PARAMETERS block"
                + " precedes it; re-export it with openssl pkey -in key.pem -out key-pkcs8.pem");
          }
          params = parse(ecParameters, where);
        }
        return new PrivateKeyInfo(new AlgorithmIdentifier(X9ObjectIdentifiers.id_ecPublicKey, params), ec);
      case "OPENSSH PRIVATE KEY":
        throw new MaterialFormatException(where + " is in OpenSSH's own format; convert it to PKCS#8 with"
            + " ssh-keygen -p -m PKCS8 -f <copy of the key file>");
      default:
        throw new MaterialFormatException(where + " is an unsupported private key kind; use an RSA, EC or"
            + " Ed25519 key in PKCS#8 (openssl pkcs8 -topk8)");
    }
  }

  private static ASN1Primitive parse(byte[] der, String where) {
    try {
      return ASN1Primitive.fromByteArray(der);
    } catch (java.io.IOException e) {
      throw new MaterialFormatException(where + ": the EC PARAMETERS block is corrupt; re-export the key", null);
    }
  }

  private static PrivateKeyInfo decryptPkcs8(byte[] der, char[] passphrase, String where) {
    if (passphrase == null) {
      throw missingPassphrase(where);
    }
    PKCS8EncryptedPrivateKeyInfo encrypted;
    try {
      encrypted = new PKCS8EncryptedPrivateKeyInfo(der);
    } catch (java.io.IOException | RuntimeException e) {
      throw new MaterialFormatException(where + " is not a valid encrypted PKCS#8 key (corrupt or truncated);"
          + " re-export it", null);
    }
    try {
      return encrypted.decryptPrivateKeyInfo(
          new JceOpenSSLPKCS8DecryptorProviderBuilder().setProvider(BouncyCastle.PROVIDER).build(passphrase));
    } catch (Exception e) {
      String scheme = encrypted.getEncryptionAlgorithm().getAlgorithm().getId();
      if (e.getMessage() != null && e.getMessage().contains("not available")) {
        throw new MaterialFormatException(where + " is encrypted with an unsupported scheme (" + scheme
            + "); re-encrypt it: openssl pkcs8 -topk8 -v2 aes-256-cbc", null);
      }
      throw wrongPassphrase(where);
    }
  }

  private static byte[] decryptLegacy(PemBlocks.Block block, char[] passphrase, String where) {
    if (passphrase == null) {
      throw missingPassphrase(where);
    }
    String dekInfo = block.headers.get("DEK-Info");
    int comma = dekInfo == null ? -1 : dekInfo.indexOf(',');
    if (comma < 0) {
      throw new MaterialFormatException(where + " says Proc-Type ENCRYPTED but has no valid DEK-Info header;"
          + " re-export the key");
    }
    String cipher = dekInfo.substring(0, comma).strip();
    try {
      byte[] iv = Hex.decode(dekInfo.substring(comma + 1).strip());
      return new JcePEMDecryptorProviderBuilder().setProvider(BouncyCastle.PROVIDER).build(passphrase).get(cipher)
          .decrypt(block.der, iv);
    } catch (Exception e) {
      if (e.getMessage() != null && e.getMessage().contains("unknown encryption")) {
        throw new MaterialFormatException(where + " is encrypted with an unsupported cipher (" + cipher
            + "); re-encrypt it: openssl pkcs8 -topk8 -v2 aes-256-cbc", null);
      }
      throw wrongPassphrase(where);
    }
  }

  private static PassphraseException missingPassphrase(String where) {
    return new PassphraseException(where + " is encrypted but no passphrase was given; pass the key's"
        + " passphrase (KeyMaterial.pem(chain, key, passphrase))");
  }

  private static PassphraseException wrongPassphrase(String where) {
    return new PassphraseException(where + ": wrong passphrase, the key cannot be decrypted with it (or the"
        + " file is corrupt); check the passphrase");
  }
}
