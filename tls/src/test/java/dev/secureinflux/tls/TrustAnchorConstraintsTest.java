package dev.secureinflux.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.secureinflux.testkit.TestCertificate;
import java.nio.file.Path;
import java.util.List;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.x509.GeneralName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Trust anchors whose name constraints the library cannot apply (BouncyCastle's validator fails on x400Address,
 * ediPartyName and registeredID subtrees) are refused when the trust material is loaded, naming where the
 * certificate came from, the certificate and the subtree; anchors with the usual constraint types load.
 */
class TrustAnchorConstraintsTest {
  private static final GeneralName X400 = new GeneralName(GeneralName.x400Address, new DERSequence(new DERSequence()));
  private static final GeneralName REGISTERED_ID =
      new GeneralName(GeneralName.registeredID, new ASN1ObjectIdentifier("1.2.3.4"));

  @TempDir
  Path dir;

  private static void assertMessage(TlsMaterialException e, String... fragments) {
    for (String f : fragments) {
      assertTrue(e.getMessage().contains(f), "message lacks '" + f + "': " + e.getMessage());
    }
  }

  @Test
  void build_pemCaWithExcludedX400AddressSubtree_refusedNamingFileCertificateAndSubtree() {
    TestCertificate ca = TestCertificate.builder().commonName("X400 Root").ca().excludeSubtree(X400).build();
    Path file = ca.writeCertificatePem(dir.resolve("x400-ca.pem"));
    MaterialFormatException e = assertThrows(MaterialFormatException.class,
        () -> TlsConfig.builder().trust(TrustMaterial.pem(file)).build());
    assertMessage(e, file.toString(), "'CN=X400 Root", "an excluded subtree of type x400Address",
        "cannot apply", "trust a CA certificate without such constraints");
  }

  @Test
  void build_certificateWithPermittedRegisteredIdSubtree_refusedNamingCertificateAndSubtree() {
    TestCertificate ca = TestCertificate.builder().commonName("OID Root").ca().permitSubtree(REGISTERED_ID)
        .build();
    MaterialFormatException e = assertThrows(MaterialFormatException.class,
        () -> TlsConfig.builder().trust(TrustMaterial.certificates(ca.certificate())).build());
    assertMessage(e, "TrustMaterial.certificates", "'CN=OID Root", "a permitted subtree of type registeredID");
  }

  @Test
  void reload_caRewrittenWithX400Subtree_refusedAndOldTrustKept() throws Exception {
    TestCertificate good = TestCertificate.newRootCa("Good Root");
    Path file = good.writeCertificatePem(dir.resolve("ca.pem"));
    TlsConfig tls = TlsConfig.builder().trust(TrustMaterial.pem(file)).build();
    TestCertificate odd = TestCertificate.builder().commonName("X400 Root").ca().permitSubtree(X400).build();
    ReloadTest.replace(file, odd.certificatePem());
    MaterialFormatException e = assertThrows(MaterialFormatException.class, tls::reload);
    assertMessage(e, file.toString(), "'CN=X400 Root", "a permitted subtree of type x400Address");
    assertEquals(List.of(good.certificate()), List.of(tls.trustManager().getAcceptedIssuers()));
  }

  @Test
  void build_caWithDnsIpEmailAndDirectoryNameConstraints_loads() {
    TestCertificate ca = TestCertificate.builder().commonName("Usual Root").ca().permitDns("internal.example")
        .permitIp("10.0.0.0/8").excludeDns("").excludeSubtree(new GeneralName(GeneralName.rfc822Name,
            "internal.example")).excludeSubtree(new GeneralName(GeneralName.directoryName, "O=Other")).build();
    TlsConfig tls = TlsConfig.builder().trust(TrustMaterial.certificates(ca.certificate())).build();
    assertEquals(List.of(ca.certificate()), List.of(tls.trustManager().getAcceptedIssuers()));
  }
}
