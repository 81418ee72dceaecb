package dev.secureinflux.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.secureinflux.testkit.TestCertificate;
import dev.secureinflux.testkit.TestCertificate.KeyType;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class KeyMaterialTest {
  private static final TestCertificate ROOT = TestCertificate.newRootCa("Key Root");
  private static final TestCertificate INTERMEDIATE =
      TestCertificate.builder().commonName("Key Intermediate").issuer(ROOT).ca().build();
  private static final TestCertificate CLIENT =
      TestCertificate.builder().commonName("client").issuer(INTERMEDIATE).clientAuth().build();

  @Test
  void of_chainInOrder_loadsLeafFirst() {
    KeyMaterial.Identity identity = KeyMaterial.of(CLIENT.keyPair().getPrivate(), CLIENT.chain())
        .load(Clock.systemUTC());
    assertEquals(CLIENT.chain(), identity.chain);
    assertEquals("EC", identity.key.getAlgorithm());
    assertEquals(List.of(), KeyMaterial.of(CLIENT.keyPair().getPrivate(), CLIENT.chain()).files());
  }

  @Test
  void of_chainReorderedWithDuplicatesAndRoot_normalised() {
    List<X509Certificate> messy = List.of(ROOT.certificate(), INTERMEDIATE.certificate(), CLIENT.certificate(),
        INTERMEDIATE.certificate());
    KeyMaterial.Identity identity = KeyMaterial.of(CLIENT.keyPair().getPrivate(), messy).load(Clock.systemUTC());
    assertEquals(List.of(CLIENT.certificate(), INTERMEDIATE.certificate(), ROOT.certificate()), identity.chain);
  }

  @Test
  void of_rsaAndEd25519AndP384_load() {
    for (KeyType type : List.of(KeyType.RSA_2048, KeyType.ED25519, KeyType.EC_P384)) {
      TestCertificate leaf = TestCertificate.builder().commonName("c-" + type).issuer(ROOT).keyType(type).build();
      KeyMaterial.Identity identity = KeyMaterial.of(leaf.keyPair().getPrivate(), leaf.chain())
          .load(Clock.systemUTC());
      assertEquals(leaf.certificate(), identity.chain.get(0), type.toString());
    }
  }

  @Test
  void of_keyNotMatchingLeaf_throwsKeyMismatch() {
    TestCertificate other = TestCertificate.builder().commonName("other").issuer(ROOT).build();
    KeyMaterial material = KeyMaterial.of(other.keyPair().getPrivate(), CLIENT.chain());
    KeyMismatchException e = assertThrows(KeyMismatchException.class, () -> material.load(Clock.systemUTC()));
    assertTrue(e.getMessage().contains("does not belong"), e.getMessage());
    assertTrue(e.getMessage().contains("CN=client"), e.getMessage());
  }

  @Test
  void of_certificateThatDoesNotLink_throwsNamingSubject() {
    TestCertificate stranger = TestCertificate.newRootCa("Stranger CA");
    KeyMaterial material = KeyMaterial.of(CLIENT.keyPair().getPrivate(),
        List.of(CLIENT.certificate(), stranger.certificate(), INTERMEDIATE.certificate()));
    KeyMismatchException e = assertThrows(KeyMismatchException.class, () -> material.load(Clock.systemUTC()));
    assertTrue(e.getMessage().contains("does not link"), e.getMessage());
    assertTrue(e.getMessage().contains("CN=Stranger CA"), e.getMessage());
  }

  @Test
  void of_missingIntermediate_rootDoesNotLink_throws() {
    KeyMaterial material = KeyMaterial.of(CLIENT.keyPair().getPrivate(),
        List.of(CLIENT.certificate(), ROOT.certificate()));
    KeyMismatchException e = assertThrows(KeyMismatchException.class, () -> material.load(Clock.systemUTC()));
    assertTrue(e.getMessage().contains("CN=Key Root"), e.getMessage());
    assertTrue(e.getMessage().contains("missing intermediate"), e.getMessage());
  }

  @Test
  void load_expiredAtClock_throwsValidity() {
    Clock later = Clock.fixed(CLIENT.certificate().getNotAfter().toInstant().plusSeconds(1), ZoneOffset.UTC);
    KeyMaterial material = KeyMaterial.of(CLIENT.keyPair().getPrivate(), CLIENT.chain());
    CertificateValidityException e = assertThrows(CertificateValidityException.class, () -> material.load(later));
    assertTrue(e.getMessage().contains("expired"), e.getMessage());
    assertTrue(e.getMessage().contains("CN=client"), e.getMessage());
  }

  @Test
  void load_notYetValidAtClock_throwsValidity() {
    Clock earlier = Clock.fixed(CLIENT.certificate().getNotBefore().toInstant().minusSeconds(60), ZoneOffset.UTC);
    KeyMaterial material = KeyMaterial.of(CLIENT.keyPair().getPrivate(), CLIENT.chain());
    CertificateValidityException e = assertThrows(CertificateValidityException.class, () -> material.load(earlier));
    assertTrue(e.getMessage().contains("not valid before"), e.getMessage());
  }

  @Test
  void load_expiresInTenDays_logsWarning() {
    Instant notAfter = CLIENT.certificate().getNotAfter().toInstant();
    Clock tenDaysBefore = Clock.fixed(notAfter.minus(Duration.ofDays(10)), ZoneOffset.UTC);
    KeyMaterial material = KeyMaterial.of(CLIENT.keyPair().getPrivate(), CLIENT.chain());
    List<String> warnings = LogCapture.warnings(() -> material.load(tenDaysBefore));
    assertEquals(1, warnings.size(), warnings.toString());
    assertTrue(warnings.get(0).contains("CN=client") && warnings.get(0).contains("expires on"), warnings.get(0));
  }

  @Test
  void load_expiresInYears_noWarning() {
    KeyMaterial material = KeyMaterial.of(CLIENT.keyPair().getPrivate(), CLIENT.chain());
    assertEquals(List.of(), LogCapture.warnings(() -> material.load(Clock.systemUTC())));
  }

  @Test
  void of_bouncyCastleKeyAndCertificateObjects_convertedToJdkObjects() throws Exception {
    java.security.Provider bc = new org.bouncycastle.jce.provider.BouncyCastleProvider();
    java.security.PrivateKey bcKey = java.security.KeyFactory.getInstance("EC", bc).generatePrivate(
        new java.security.spec.PKCS8EncodedKeySpec(CLIENT.keyPair().getPrivate().getEncoded()));
    X509Certificate bcCert = (X509Certificate) java.security.cert.CertificateFactory.getInstance("X.509", bc)
        .generateCertificate(new java.io.ByteArrayInputStream(CLIENT.certificate().getEncoded()));
    assertTrue(bcKey.getClass().getName().startsWith("org.bouncycastle"), bcKey.getClass().getName());
    KeyMaterial.Identity identity = KeyMaterial.of(bcKey, List.of(bcCert, INTERMEDIATE.certificate()))
        .load(Clock.systemUTC());
    assertFalse(identity.key.getClass().getName().startsWith("org.bouncycastle"), identity.key.getClass().getName());
    assertFalse(identity.chain.get(0).getClass().getName().startsWith("org.bouncycastle"));
    assertEquals(CLIENT.certificate(), identity.chain.get(0));
  }

  @Test
  void of_emptyChain_throws() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> KeyMaterial.of(CLIENT.keyPair().getPrivate(), List.of()));
    assertTrue(e.getMessage().contains("chain must not be empty"), e.getMessage());
  }

  @Test
  void of_toString_namesLeafNotKey() {
    KeyMaterial material = KeyMaterial.of(CLIENT.keyPair().getPrivate(), CLIENT.chain());
    assertTrue(material.toString().contains("CN=client"), material.toString());
    assertFalse(material.toString().contains("PRIVATE"), material.toString());
  }
}
