package dev.secureinflux.tls;

import static dev.secureinflux.tls.CertificateRejectedException.Reason.EXPIRED;
import static dev.secureinflux.tls.CertificateRejectedException.Reason.HOSTNAME_MISMATCH;
import static dev.secureinflux.tls.CertificateRejectedException.Reason.NOT_A_CA;
import static dev.secureinflux.tls.CertificateRejectedException.Reason.NOT_YET_VALID;
import static dev.secureinflux.tls.CertificateRejectedException.Reason.UNTRUSTED;
import static dev.secureinflux.tls.CertificateRejectedException.Reason.WEAK_KEY;
import static dev.secureinflux.tls.CertificateRejectedException.Reason.WEAK_SIGNATURE;
import static dev.secureinflux.tls.CertificateRejectedException.Reason.WRONG_KEY_USAGE;
import static dev.secureinflux.tls.Handshakes.assertEcho;
import static dev.secureinflux.tls.Handshakes.assertRejected;
import static dev.secureinflux.tls.Handshakes.connect;
import static dev.secureinflux.tls.Handshakes.refused;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.secureinflux.testkit.TestCertificate;
import dev.secureinflux.testkit.TestCertificate.KeyType;
import dev.secureinflux.tls.internal.Pins;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import javax.net.ssl.SSLSocket;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.junit.jupiter.api.Test;

/** Handshakes against in-JVM TLS servers on 127.0.0.1: what the policy accepts and what it refuses, and why. */
class HandshakeTest {
  private static final TestCertificate ROOT = TestCertificate.newRootCa("Handshake Test Root");
  private static final TestCertificate INTERMEDIATE =
      TestCertificate.builder().commonName("Handshake Test Intermediate").issuer(ROOT).ca().build();

  private static TlsConfig trustingRoot() {
    return TlsConfig.builder().trust(TrustMaterial.certificates(ROOT.certificate())).build();
  }

  private static TestCertificate.Builder leaf() {
    return TestCertificate.builder().issuer(INTERMEDIATE).localhostServer();
  }

  @Test
  void handshake_goodChainWithIntermediate_connects() throws Exception {
    TestCertificate server = leaf().build();
    TlsConfig tls = trustingRoot();
    try (LoopbackTlsServer s = LoopbackTlsServer.start(server); SSLSocket c = connect(tls, "localhost", s.port())) {
      assertEcho(c, "hello");
      assertEquals(true, tls.hostnameVerifier().verify("localhost", c.getSession()));
      assertEquals(false, tls.hostnameVerifier().verify("influx.example.com", c.getSession()));
      assertEquals(server.certificate(), c.getSession().getPeerCertificates()[0]);
      assertEquals(true, List.of("TLSv1.3", "TLSv1.2").contains(c.getSession().getProtocol()));
    }
  }

  @Test
  void handshake_chainSentOutOfOrderWithRoot_connects() throws Exception {
    TestCertificate server = leaf().build();
    List<java.security.cert.X509Certificate> sent = List.of(server.certificate(), ROOT.certificate(),
        INTERMEDIATE.certificate());
    try (LoopbackTlsServer s = LoopbackTlsServer.start(sent, server.keyPair().getPrivate());
        SSLSocket c = connect(trustingRoot(), "localhost", s.port())) {
      assertEcho(c, "out of order");
    }
  }

  @Test
  void handshake_ipLiteralWithIpSan_connects() throws Exception {
    try (LoopbackTlsServer s = LoopbackTlsServer.start(leaf().build());
        SSLSocket c = connect(trustingRoot(), "127.0.0.1", s.port())) {
      assertEcho(c, "by address");
    }
  }

  @Test
  void handshake_ipLiteralWithOnlyDnsSan_refusedHostnameMismatch() throws Exception {
    TestCertificate server = TestCertificate.builder().issuer(INTERMEDIATE).commonName("127.0.0.1")
        .addDnsSan("localhost").serverAuth().build();
    try (LoopbackTlsServer s = LoopbackTlsServer.start(server)) {
      assertRejected(refused(trustingRoot(), "127.0.0.1", s.port()), HOSTNAME_MISMATCH, "127.0.0.1",
          "DNS:localhost");
    }
  }

  @Test
  void handshake_expiredLeaf_refusedExpired() throws Exception {
    Instant now = Instant.now();
    TestCertificate server = leaf().validity(now.minus(Duration.ofDays(30)), now.minus(Duration.ofDays(1))).build();
    try (LoopbackTlsServer s = LoopbackTlsServer.start(server)) {
      assertRejected(refused(trustingRoot(), "localhost", s.port()), EXPIRED, "expired on", "CN=localhost");
    }
  }

  @Test
  void handshake_notYetValidLeaf_refusedNotYetValid() throws Exception {
    Instant now = Instant.now();
    TestCertificate server = leaf().validity(now.plus(Duration.ofDays(1)), now.plus(Duration.ofDays(30))).build();
    try (LoopbackTlsServer s = LoopbackTlsServer.start(server)) {
      assertRejected(refused(trustingRoot(), "localhost", s.port()), NOT_YET_VALID, "not valid before",
          "CN=localhost");
    }
  }

  @Test
  void handshake_clockAfterExpiry_refusedExpired() throws Exception {
    TestCertificate server = leaf().validFor(Duration.ofDays(10)).build();
    TlsConfig tls = TlsConfig.builder().trust(TrustMaterial.certificates(ROOT.certificate()))
        .clock(Clock.fixed(Instant.now().plus(Duration.ofDays(20)), ZoneOffset.UTC)).build();
    try (LoopbackTlsServer s = LoopbackTlsServer.start(server)) {
      assertRejected(refused(tls, "localhost", s.port()), EXPIRED, "expired on");
    }
  }

  @Test
  void handshake_wrongHost_refusedHostnameMismatch() throws Exception {
    try (LoopbackTlsServer s = LoopbackTlsServer.start(leaf().build())) {
      // influx.example.com is only the TLS peer name here: the connection goes to 127.0.0.1.
      assertRejected(refused(trustingRoot(), "influx.example.com", s.port()), HOSTNAME_MISMATCH,
          "influx.example.com", "DNS:localhost");
    }
  }

  @Test
  void handshake_commonNameOnly_refusedHostnameMismatch() throws Exception {
    TestCertificate server = TestCertificate.builder().issuer(INTERMEDIATE).commonName("localhost").serverAuth()
        .build();
    try (LoopbackTlsServer s = LoopbackTlsServer.start(server)) {
      assertRejected(refused(trustingRoot(), "localhost", s.port()), HOSTNAME_MISMATCH, "no subjectAltName",
          "common name is never used");
    }
  }

  @Test
  void handshake_untrustedRoot_refusedUntrusted() throws Exception {
    TestCertificate otherRoot = TestCertificate.newRootCa("Other Root");
    TlsConfig tls = TlsConfig.builder().trust(TrustMaterial.certificates(otherRoot.certificate())).build();
    try (LoopbackTlsServer s = LoopbackTlsServer.start(leaf().build())) {
      assertRejected(refused(tls, "localhost", s.port()), UNTRUSTED, "Handshake Test Root", "no trusted path");
    }
  }

  @Test
  void handshake_systemTrustOnly_refusesPrivateCa() throws Exception {
    try (LoopbackTlsServer s = LoopbackTlsServer.start(leaf().build())) {
      assertRejected(refused(TlsConfig.builder().build(), "localhost", s.port()), UNTRUSTED,
          "Handshake Test Intermediate");
    }
  }

  @Test
  void handshake_selfSignedWithoutSanTrustedByFingerprint_connectsUnderAnyPeerName() throws Exception {
    TestCertificate server = TestCertificate.builder().commonName("influxdb").build();
    TlsConfig tls = TlsConfig.builder()
        .trust(TrustMaterial.fingerprint(Pins.fingerprint(server.certificate()).toUpperCase())).build();
    try (LoopbackTlsServer s = LoopbackTlsServer.start(server);
        SSLSocket c = connect(tls, "influx.example.com", s.port())) {
      assertEcho(c, "exactly this certificate");
      assertEquals(true, tls.hostnameVerifier().verify("influx.example.com", c.getSession()));
    }
  }

  @Test
  void handshake_fingerprintedLeafExpired_refusedExpired() throws Exception {
    Instant now = Instant.now();
    TestCertificate server = TestCertificate.builder().commonName("influxdb")
        .validity(now.minus(Duration.ofDays(30)), now.minus(Duration.ofDays(1))).build();
    TlsConfig tls = TlsConfig.builder()
        .trust(TrustMaterial.fingerprint(Pins.fingerprint(server.certificate()))).build();
    try (LoopbackTlsServer s = LoopbackTlsServer.start(server)) {
      assertRejected(refused(tls, "localhost", s.port()), EXPIRED, "expired on", "CN=influxdb");
    }
  }

  @Test
  void handshake_fingerprintedLeafWithRsa1024_refusedWeakKey() throws Exception {
    TestCertificate server = TestCertificate.builder().commonName("influxdb").keyType(KeyType.RSA_1024).build();
    TlsConfig tls = TlsConfig.builder()
        .trust(TrustMaterial.fingerprint(Pins.fingerprint(server.certificate()))).build();
    try (LoopbackTlsServer s = LoopbackTlsServer.start(server)) {
      assertRejected(refused(tls, "localhost", s.port()), WEAK_KEY, "1024-bit RSA", "2048");
    }
  }

  @Test
  void handshake_fingerprintedIntermediateInValidChain_connects() throws Exception {
    TlsConfig tls = TlsConfig.builder()
        .trust(TrustMaterial.fingerprint(Pins.fingerprint(INTERMEDIATE.certificate()))).build();
    try (LoopbackTlsServer s = LoopbackTlsServer.start(leaf().build()); SSLSocket c = connect(tls, "localhost",
        s.port())) {
      assertEcho(c, "anchored at the fingerprinted CA");
    }
  }

  @Test
  void handshake_chainMerelyContainsFingerprintedCa_refused() throws Exception {
    // The leaf names the fingerprinted CA as issuer, but an impostor with the same name and another key signed it.
    TestCertificate impostor = TestCertificate.builder().commonName("Handshake Test Intermediate").issuer(ROOT)
        .ca().build();
    TestCertificate forged = TestCertificate.builder().issuer(impostor).localhostServer().build();
    TlsConfig tls = TlsConfig.builder()
        .trust(TrustMaterial.fingerprint(Pins.fingerprint(INTERMEDIATE.certificate()))).build();
    List<java.security.cert.X509Certificate> sent = List.of(forged.certificate(), INTERMEDIATE.certificate());
    try (LoopbackTlsServer s = LoopbackTlsServer.start(sent, forged.keyPair().getPrivate())) {
      assertRejected(refused(tls, "localhost", s.port()), UNTRUSTED, "PKIX validation", "does not chain");
    }
  }

  @Test
  void handshake_unrelatedChainPlusFingerprintedCa_refusedUntrusted() throws Exception {
    TestCertificate otherRoot = TestCertificate.newRootCa("Unrelated Root");
    TestCertificate other = TestCertificate.builder().issuer(otherRoot).localhostServer().build();
    TlsConfig tls = TlsConfig.builder()
        .trust(TrustMaterial.fingerprint(Pins.fingerprint(INTERMEDIATE.certificate()))).build();
    List<java.security.cert.X509Certificate> sent = List.of(other.certificate(), INTERMEDIATE.certificate());
    try (LoopbackTlsServer s = LoopbackTlsServer.start(sent, other.keyPair().getPrivate())) {
      assertRejected(refused(tls, "localhost", s.port()), UNTRUSTED, "Unrelated Root", "merely in the chain");
    }
  }

  @Test
  void handshake_intermediateNotCa_refusedNotACa() throws Exception {
    TestCertificate notCa = TestCertificate.builder().commonName("Not A CA").issuer(ROOT).build();
    TestCertificate server = TestCertificate.builder().issuer(notCa).localhostServer().build();
    try (LoopbackTlsServer s = LoopbackTlsServer.start(server)) {
      assertRejected(refused(trustingRoot(), "localhost", s.port()), NOT_A_CA, "CN=Not A CA", "not a CA");
    }
  }

  @Test
  void handshake_intermediateWithoutBasicConstraints_refusedNotACa() throws Exception {
    TestCertificate noBc = TestCertificate.builder().commonName("No Constraints").issuer(ROOT)
        .withoutBasicConstraints().keyUsage(org.bouncycastle.asn1.x509.KeyUsage.keyCertSign).build();
    TestCertificate server = TestCertificate.builder().issuer(noBc).localhostServer().build();
    try (LoopbackTlsServer s = LoopbackTlsServer.start(server)) {
      assertRejected(refused(trustingRoot(), "localhost", s.port()), NOT_A_CA, "CN=No Constraints");
    }
  }

  @Test
  void handshake_leafWithClientAuthOnlyEku_refusedWrongKeyUsage() throws Exception {
    TestCertificate server = TestCertificate.builder().issuer(INTERMEDIATE).commonName("localhost")
        .addDnsSan("localhost").clientAuth().build();
    try (LoopbackTlsServer s = LoopbackTlsServer.start(server)) {
      assertRejected(refused(trustingRoot(), "localhost", s.port()), WRONG_KEY_USAGE, "serverAuth",
          "1.3.6.1.5.5.7.3.2");
    }
  }

  @Test
  void handshake_ecdsaLeafWithKeyEnciphermentOnlyKeyUsage_refusedWrongKeyUsage() throws Exception {
    TestCertificate server = leaf().keyType(KeyType.EC_P256).keyUsage(KeyUsage.keyEncipherment).build();
    try (LoopbackTlsServer s = LoopbackTlsServer.start(server)) {
      assertRejected(refused(trustingRoot(), "localhost", s.port()), WRONG_KEY_USAGE, "CN=localhost",
          "keyUsage extension [keyEncipherment] without digitalSignature", "keyUsage digitalSignature");
    }
  }

  @Test
  void handshake_leafWithDigitalSignatureAmongKeyUsages_connects() throws Exception {
    TestCertificate server = leaf().keyUsage(KeyUsage.digitalSignature | KeyUsage.keyAgreement).build();
    try (LoopbackTlsServer s = LoopbackTlsServer.start(server);
        SSLSocket c = connect(trustingRoot(), "localhost", s.port())) {
      assertEcho(c, "signing key");
    }
  }

  @Test
  void handshake_rsa1024Leaf_refusedWeakKey() throws Exception {
    TestCertificate server = leaf().keyType(KeyType.RSA_1024).build();
    try (LoopbackTlsServer s = LoopbackTlsServer.start(server)) {
      assertRejected(refused(trustingRoot(), "localhost", s.port()), WEAK_KEY, "1024-bit RSA", "at least 2048");
    }
  }

  @Test
  void handshake_rsa2048Leaf_connects() throws Exception {
    TestCertificate server = leaf().keyType(KeyType.RSA_2048).build();
    try (LoopbackTlsServer s = LoopbackTlsServer.start(server); SSLSocket c = connect(trustingRoot(), "localhost",
        s.port())) {
      assertEcho(c, "rsa");
    }
  }

  @Test
  void handshake_sha1SignedLeaf_refusedWeakSignature() throws Exception {
    TestCertificate server = leaf().signatureAlgorithm("SHA1withECDSA").build();
    try (LoopbackTlsServer s = LoopbackTlsServer.start(server)) {
      assertRejected(refused(trustingRoot(), "localhost", s.port()), WEAK_SIGNATURE, "SHA1withECDSA", "SHA-1");
    }
  }

  @Test
  void handshake_sha1SignedIntermediate_refusedWeakSignature() throws Exception {
    TestCertificate weakIntermediate = TestCertificate.builder().commonName("SHA-1 Intermediate").issuer(ROOT).ca()
        .signatureAlgorithm("SHA1withECDSA").build();
    TestCertificate server = TestCertificate.builder().issuer(weakIntermediate).localhostServer().build();
    try (LoopbackTlsServer s = LoopbackTlsServer.start(server)) {
      assertRejected(refused(trustingRoot(), "localhost", s.port()), WEAK_SIGNATURE, "CN=SHA-1 Intermediate");
    }
  }

  @Test
  void handshake_md5SignedLeaf_refusedWeakSignature() throws Exception {
    TestCertificate rsaRoot = TestCertificate.builder().commonName("RSA Root").keyType(KeyType.RSA_2048).ca().build();
    TestCertificate server = TestCertificate.builder().issuer(rsaRoot).localhostServer()
        .signatureAlgorithm("MD5withRSA").build();
    TlsConfig tls = TlsConfig.builder().trust(TrustMaterial.certificates(rsaRoot.certificate())).build();
    try (LoopbackTlsServer s = LoopbackTlsServer.start(server)) {
      assertRejected(refused(tls, "localhost", s.port()), WEAK_SIGNATURE, "MD5withRSA");
    }
  }
}
