package dev.secureinflux.tls.internal;

import dev.secureinflux.tls.MaterialFormatException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.bouncycastle.openssl.X509TrustedCertificateBlock;

/**
 * Reads certificates from PEM ({@code CERTIFICATE}, {@code TRUSTED CERTIFICATE}, {@code PKCS7} blocks), DER and
 * DER PKCS#7 files, as JDK certificate objects. In a trust file the OpenSSL trust settings of a
 * {@code TRUSTED CERTIFICATE} block must allow serverAuth ({@link TrustSettings}). Not API.
 */
public final class CertificateFiles {
  private CertificateFiles() {}

  /**
   * The CA certificates of a trust file; a private key or any other kind of block in it is refused, and so is a
   * {@code TRUSTED CERTIFICATE} block whose OpenSSL trust settings reject serverAuth or trust it only for other
   * uses.
   *
   * @throws MaterialFormatException naming the file and block
   */
  public static List<X509Certificate> readTrusted(Path file) {
    byte[] bytes = MaterialFiles.read(file, "trust file");
    if (!PemBlocks.isPem(bytes)) {
      return der(bytes, file, "trust file");
    }
    List<PemBlocks.Block> blocks = PemBlocks.parse(bytes, file);
    for (PemBlocks.Block b : blocks) {
      if (b.isPrivateKey()) {
        throw new MaterialFormatException(file + ": PEM " + b.describe() + " is a private key where CA"
            + " certificates are expected; a trust file holds only certificates (did you pass the key file?)");
      }
      if (!b.isCertificate()) {
        throw new MaterialFormatException(file + ": PEM " + b.describe() + " is not a certificate; a trust file"
            + " holds CERTIFICATE, TRUSTED CERTIFICATE or PKCS7 blocks only: remove the block");
      }
    }
    return certificates(blocks, file, true, "trust file");
  }

  /**
   * The certificates of a chain file (PEM, DER or DER PKCS#7); private key blocks are skipped (chain and key may
   * share a file), but a file with keys and no certificate is refused.
   */
  public static List<X509Certificate> readChain(Path file) {
    byte[] bytes = MaterialFiles.read(file, "certificate chain file");
    if (!PemBlocks.isPem(bytes)) {
      return der(bytes, file, "certificate chain file");
    }
    return certificates(PemBlocks.parse(bytes, file), file, "certificate chain file");
  }

  /** The certificates of {@code blocks}; refuses when there is none, naming what was found instead. */
  public static List<X509Certificate> certificates(List<PemBlocks.Block> blocks, Path file, String role) {
    return certificates(blocks, file, false, role);
  }

  private static List<X509Certificate> certificates(List<PemBlocks.Block> blocks, Path file, boolean anchors,
      String role) {
    List<X509Certificate> out = new ArrayList<>();
    for (PemBlocks.Block b : blocks) {
      if (b.isCertificate()) {
        out.addAll(certificates(b, file, anchors));
      }
    }
    if (out.isEmpty()) {
      boolean key = blocks.stream().anyMatch(PemBlocks.Block::isPrivateKey);
      throw new MaterialFormatException(file + ": no certificate in this " + role + (blocks.isEmpty() ? ""
          : key ? "; it holds a private key where a certificate is expected (did you swap the chain and key paths?)"
          : "; it holds only " + blocks.get(0).describe()) + "; give a file with PEM CERTIFICATE blocks");
    }
    return out;
  }

  /** The certificates of one block; {@code anchors}: a trust file, whose OpenSSL trust settings are applied. */
  private static List<X509Certificate> certificates(PemBlocks.Block block, Path file, boolean anchors) {
    String where = file + ": PEM " + block.describe();
    try {
      switch (block.type) {
        case "TRUSTED CERTIFICATE":
          X509TrustedCertificateBlock trusted = new X509TrustedCertificateBlock(block.der);
          if (anchors) {
            TrustSettings.checkServerAuth(trusted, block, file);
          }
          return List.of(JdkObjects.certificate(trusted.getCertificateHolder().getEncoded()));
        case "PKCS7":
        case "CMS":
          List<X509Certificate> certs = all(block.der);
          if (certs.isEmpty()) {
            throw new MaterialFormatException(where + " holds no certificate; give a PKCS#7 file that does"
                + " (openssl crl2pkcs7 -nocrl -certfile ca.pem)");
          }
          return certs;
        default:
          return List.of(JdkObjects.certificate(block.der));
      }
    } catch (CertificateException | IOException | RuntimeException e) {
      if (e instanceof MaterialFormatException) {
        throw (MaterialFormatException) e;
      }
      throw new MaterialFormatException(where + " is not a valid certificate (corrupt or truncated: "
          + e.getClass().getSimpleName() + "); re-export it", e);
    }
  }

  private static List<X509Certificate> der(byte[] bytes, Path file, String role) {
    if ((bytes[0] & 0xff) == 0x30) {
      try {
        List<X509Certificate> certs = all(bytes);
        if (!certs.isEmpty()) {
          return certs;
        }
      } catch (CertificateException | RuntimeException e) {
        // Reported below.
      }
      throw new MaterialFormatException(file + ": this " + role + " is binary (DER) but not a certificate or"
          + " PKCS#7 file: corrupt, truncated, or a key store (use keyStore(...) for PKCS#12 and JKS files)");
    }
    if (bytes.length >= 4 && KeyStores.isJks(bytes)) {
      throw new MaterialFormatException(file + ": this " + role + " is a JKS key store, not PEM; use keyStore(...)");
    }
    throw new MaterialFormatException(file + ": this " + role + " is not PEM (no '-----BEGIN' line) nor a DER"
        + " certificate; give PEM certificates (openssl x509 -in cert -out cert.pem)");
  }

  private static List<X509Certificate> all(byte[] der) throws CertificateException {
    Collection<? extends Certificate> certs = JdkObjects.certificateFactory()
        .generateCertificates(new ByteArrayInputStream(der));
    List<X509Certificate> out = new ArrayList<>();
    for (Certificate c : certs) {
      out.add((X509Certificate) c);
    }
    return out;
  }
}
