package dev.secureinflux.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.secureinflux.testkit.TestCertificate;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TrustMaterialTest {
  private static final String HEX = "AB:CD:EF:01:23:45:67:89:ab:cd:ef:01:23:45:67:89"
      + ":AB:CD:EF:01:23:45:67:89:ab:cd:ef:01:23:45:67:89";
  private static final String NORMAL = "abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789";

  @Test
  void system_isOnlySystem() {
    TrustMaterial system = TrustMaterial.system();
    assertTrue(system.includesSystem());
    assertEquals(List.of(), system.anchors());
    assertEquals(Set.of(), system.fingerprints());
    assertEquals(List.of(), system.files());
    assertEquals("TrustMaterial[system]", system.toString());
  }

  @Test
  void fingerprint_colonsAndMixedCase_normalisedToLowercaseHex() {
    TrustMaterial trust = TrustMaterial.fingerprint(HEX);
    assertEquals(Set.of(NORMAL), trust.fingerprints());
    assertFalse(trust.includesSystem());
    assertEquals(List.of(), trust.anchors());
  }

  @Test
  void fingerprint_withoutColons_accepted() {
    assertEquals(Set.of(NORMAL), TrustMaterial.fingerprint(NORMAL.toUpperCase()).fingerprints());
  }

  @Test
  void fingerprint_tooShort_throwsNamingValue() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> TrustMaterial.fingerprint("ab:cd"));
    assertTrue(e.getMessage().contains("ab:cd"), e.getMessage());
    assertTrue(e.getMessage().contains("64 hex digits"), e.getMessage());
  }

  @Test
  void fingerprint_nonHex_throws() {
    String bad = NORMAL.substring(0, 63) + "g";
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TrustMaterial.fingerprint(bad));
    assertTrue(e.getMessage().contains(bad), e.getMessage());
  }

  @Test
  void fingerprint_sha1Length_throwsWithHint() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> TrustMaterial.fingerprint(NORMAL.substring(0, 40)));
    assertTrue(e.getMessage().contains("SHA-1"), e.getMessage());
  }

  @Test
  void fingerprint_pinFormat_throwsPointingToAddPin() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> TrustMaterial.fingerprint("sha256/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA="));
    assertTrue(e.getMessage().contains("addPin"), e.getMessage());
  }

  @Test
  void fingerprint_null_throwsNpe() {
    NullPointerException e = assertThrows(NullPointerException.class, () -> TrustMaterial.fingerprint(null));
    assertEquals("sha256Hex == null", e.getMessage());
  }

  @Test
  void certificates_copiedAsAnchors() {
    X509Certificate ca = TestCertificate.newRootCa("Trust Root").certificate();
    TrustMaterial trust = TrustMaterial.certificates(ca);
    assertEquals(List.of(ca), trust.anchors());
    assertFalse(trust.includesSystem());
    assertTrue(trust.toString().contains("CN=Trust Root"), trust.toString());
  }

  @Test
  void certificates_bouncyCastleObject_copiedAsJdkObject() throws Exception {
    X509Certificate ca = TestCertificate.newRootCa("BC Root").certificate();
    X509Certificate bcCert = (X509Certificate) java.security.cert.CertificateFactory
        .getInstance("X.509", new org.bouncycastle.jce.provider.BouncyCastleProvider())
        .generateCertificate(new java.io.ByteArrayInputStream(ca.getEncoded()));
    X509Certificate anchor = TrustMaterial.certificates(bcCert).anchors().get(0);
    assertFalse(anchor.getClass().getName().startsWith("org.bouncycastle"), anchor.getClass().getName());
    assertEquals(ca, anchor);
  }

  @Test
  void certificates_empty_throws() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, TrustMaterial::certificates);
    assertTrue(e.getMessage().contains("at least one"), e.getMessage());
  }

  @Test
  void certificates_nullElement_throwsNamingIndex() {
    X509Certificate ca = TestCertificate.newRootCa("Trust Root").certificate();
    NullPointerException e = assertThrows(NullPointerException.class,
        () -> TrustMaterial.certificates(ca, null));
    assertEquals("certificates[1] == null", e.getMessage());
  }

  @Test
  void and_unitesEverything() {
    X509Certificate a = TestCertificate.newRootCa("Root A").certificate();
    X509Certificate b = TestCertificate.newRootCa("Root B").certificate();
    TrustMaterial union = TrustMaterial.system()
        .and(TrustMaterial.certificates(a))
        .and(TrustMaterial.fingerprint(HEX))
        .and(TrustMaterial.certificates(b, a))
        .and(TrustMaterial.fingerprint(NORMAL));
    assertTrue(union.includesSystem());
    assertEquals(List.of(a, b), union.anchors());
    assertEquals(Set.of(NORMAL), union.fingerprints());
    String text = union.toString();
    assertTrue(text.contains("system") && text.contains("Root B") && text.contains(NORMAL), text);
  }

  @Test
  void and_withoutSystem_staysWithoutSystem() {
    X509Certificate a = TestCertificate.newRootCa("Root A").certificate();
    assertFalse(TrustMaterial.certificates(a).and(TrustMaterial.fingerprint(NORMAL)).includesSystem());
  }

  @Test
  void and_null_throwsNpe() {
    assertThrows(NullPointerException.class, () -> TrustMaterial.system().and(null));
  }

  @Test
  void pem_null_throwsNpe() {
    NullPointerException e = assertThrows(NullPointerException.class, () -> TrustMaterial.pem((Path) null));
    assertEquals("file == null", e.getMessage());
  }
}
