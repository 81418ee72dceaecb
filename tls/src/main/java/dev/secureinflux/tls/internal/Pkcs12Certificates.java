package dev.secureinflux.tls.internal;

import dev.secureinflux.tls.MaterialFormatException;
import dev.secureinflux.tls.PassphraseException;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.pkcs.ContentInfo;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.pkcs.PKCS12PfxPdu;
import org.bouncycastle.pkcs.PKCS12SafeBag;
import org.bouncycastle.pkcs.PKCS12SafeBagFactory;
import org.bouncycastle.pkcs.jcajce.JcePKCS12MacCalculatorBuilderProvider;
import org.bouncycastle.pkcs.jcajce.JcePKCSPBEInputDecryptorProviderBuilder;

/**
 * The certificates of a PKCS#12 trust store that belong to no private key. Read with BouncyCastle's PKCS#12
 * structures, because the JDK's {@code KeyStore} hides certificates without its own trust attribute (as in
 * stores made by {@code openssl pkcs12 -export -nokeys}). A store opened with a password must carry a MAC, which
 * is then checked. Not API.
 */
final class Pkcs12Certificates {
  private Pkcs12Certificates() {}

  static List<X509Certificate> read(byte[] bytes, char[] passwordOrNull, Path file) {
    PKCS12PfxPdu pfx;
    try {
      pfx = new PKCS12PfxPdu(bytes);
    } catch (Exception e) {
      throw corrupt(file);
    }
    if (passwordOrNull != null && !pfx.hasMac()) {
      // As written by openssl pkcs12 -export -nomac: nothing checks the password or the content.
      throw new MaterialFormatException(file + ": this PKCS12 trust store has no integrity protection (no MAC),"
          + " so the password given cannot be checked and the certificates could have been altered; re-export it"
          + " with a MAC (openssl pkcs12 -export -nokeys -in ca.pem -out trust.p12, without -nomac) or give the CA"
          + " certificates as PEM (TrustMaterial.pem)");
    }
    try {
      if (passwordOrNull != null
          && !pfx.isMacValid(new JcePKCS12MacCalculatorBuilderProvider().setProvider(BouncyCastle.PROVIDER),
              passwordOrNull)) {
        throw new PassphraseException(file + ": wrong password for this PKCS12 trust store (or the file was"
            + " modified after it was written); check the store password");
      }
    } catch (PassphraseException e) {
      throw e;
    } catch (Exception e) {
      throw corrupt(file);
    }
    List<X509Certificate> certs = new ArrayList<>();
    boolean encryptedSkipped = false;
    boolean keys = false;
    try {
      for (ContentInfo info : pfx.getContentInfos()) {
        PKCS12SafeBagFactory bags;
        if (info.getContentType().equals(PKCSObjectIdentifiers.encryptedData)) {
          if (passwordOrNull == null) {
            encryptedSkipped = true;
            continue;
          }
          bags = new PKCS12SafeBagFactory(info,
              new JcePKCSPBEInputDecryptorProviderBuilder().setProvider(BouncyCastle.PROVIDER).build(passwordOrNull));
        } else {
          bags = new PKCS12SafeBagFactory(info);
        }
        for (PKCS12SafeBag bag : bags.getSafeBags()) {
          if (bag.getType().equals(PKCSObjectIdentifiers.certBag)) {
            if (!hasLocalKeyId(bag)) {
              certs.add(JdkObjects.certificate(((X509CertificateHolder) bag.getBagValue()).getEncoded()));
            }
          } else {
            keys = true;
          }
        }
      }
    } catch (PassphraseException e) {
      throw e;
    } catch (Exception e) {
      throw new MaterialFormatException(file + ": PKCS12 trust store content cannot be read (corrupt, or an"
          + " unsupported encryption: " + e.getClass().getSimpleName() + "); re-export it", null);
    }
    if (certs.isEmpty()) {
      throw new MaterialFormatException(file + ": PKCS12 trust store holds no CA certificate"
          + (encryptedSkipped ? "; its certificates are encrypted: give the store password"
          : keys ? "; it holds key entries only (a key store, not a trust store)" : "")
          + "; make one with: openssl pkcs12 -export -nokeys -in ca.pem -out trust.p12");
    }
    return certs;
  }

  private static boolean hasLocalKeyId(PKCS12SafeBag bag) {
    for (org.bouncycastle.asn1.pkcs.Attribute a : bag.getAttributes() == null
        ? new org.bouncycastle.asn1.pkcs.Attribute[0] : bag.getAttributes()) {
      if (a.getAttrType().equals(PKCSObjectIdentifiers.pkcs_9_at_localKeyId)) {
        return true;
      }
    }
    return false;
  }

  private static MaterialFormatException corrupt(Path file) {
    return new MaterialFormatException(file + ": this PKCS12 trust store is corrupt or truncated; write or copy it"
        + " again");
  }
}
