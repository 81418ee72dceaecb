package dev.secureinflux.tls.internal;

import dev.secureinflux.tls.MaterialFormatException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.openssl.CertificateTrustBlock;
import org.bouncycastle.openssl.X509TrustedCertificateBlock;

/**
 * The OpenSSL trust settings of a PEM {@code TRUSTED CERTIFICATE} block ({@code openssl x509 -trustout}),
 * applied as OpenSSL applies them to a TLS server: a rejected serverAuth (or anyExtendedKeyUsage) refuses the
 * certificate, a list of trusted uses must contain serverAuth or anyExtendedKeyUsage, and no settings at all
 * (or an empty list) leave the certificate a plain trust anchor. Not API.
 */
final class TrustSettings {
  private static final String SERVER_AUTH = "1.3.6.1.5.5.7.3.1";
  private static final String ANY_EKU = "2.5.29.37.0";
  private static final Map<String, String> NAMES = Map.of(SERVER_AUTH, "serverAuth",
      "1.3.6.1.5.5.7.3.2", "clientAuth", "1.3.6.1.5.5.7.3.3", "codeSigning", "1.3.6.1.5.5.7.3.4",
      "emailProtection", "1.3.6.1.5.5.7.3.8", "timeStamping", "1.3.6.1.5.5.7.3.9", "OCSPSigning",
      ANY_EKU, "anyExtendedKeyUsage");

  private TrustSettings() {}

  /**
   * Refuses {@code trusted} (the parsed {@code block}) when its trust settings exclude TLS servers.
   *
   * @throws MaterialFormatException naming the file, the block, the settings and the fix
   */
  static void checkServerAuth(X509TrustedCertificateBlock trusted, PemBlocks.Block block, Path file) {
    CertificateTrustBlock settings = trusted.getTrustBlock();
    if (settings == null) {
      return;
    }
    List<String> rejected = names(settings.getProhibitions());
    List<String> uses = names(settings.getUses());
    String subject = trusted.getCertificateHolder().getSubject().toString();
    String where = file + ": PEM " + block.describe() + " ('" + subject + "')";
    String fix = "; if this CA is meant to vouch for TLS servers, mark it so: openssl x509 -in ca.pem -trustout"
        + " -clrreject -clrtrust -addtrust serverAuth -out ca-trusted.pem, or give it as a plain CERTIFICATE block:"
        + " openssl x509 -in ca.pem -out ca-plain.pem";
    if (rejected.contains("serverAuth") || rejected.contains("anyExtendedKeyUsage")) {
      throw new MaterialFormatException(where + " carries OpenSSL trust settings that reject serverAuth (rejected"
          + " uses " + rejected + "), so it may not be a trust anchor for TLS servers" + fix);
    }
    if (!uses.isEmpty() && !uses.contains("serverAuth") && !uses.contains("anyExtendedKeyUsage")) {
      throw new MaterialFormatException(where + " carries OpenSSL trust settings that trust it only for " + uses
          + ", not for serverAuth, so it may not be a trust anchor for TLS servers" + fix);
    }
  }

  private static List<String> names(Set<ASN1ObjectIdentifier> oids) {
    List<String> out = new ArrayList<>();
    if (oids != null) {
      for (ASN1ObjectIdentifier oid : oids) {
        out.add(NAMES.getOrDefault(oid.getId(), oid.getId()));
      }
    }
    return out;
  }
}
