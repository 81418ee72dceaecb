package dev.secureinflux.tls;

import static dev.secureinflux.tls.CertificateRejectedException.Reason.PIN_MISMATCH;
import static dev.secureinflux.tls.CertificateRejectedException.Reason.UNTRUSTED;
import static dev.secureinflux.tls.Handshakes.assertEcho;
import static dev.secureinflux.tls.Handshakes.assertRejected;
import static dev.secureinflux.tls.Handshakes.connect;
import static dev.secureinflux.tls.Handshakes.refused;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.secureinflux.testkit.TestCertificate;
import dev.secureinflux.tls.internal.Pins;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;

/** Pins ({@code sha256/<base64 SPKI hash>}): parsing, match anywhere in the verified chain, mismatch message. */
class PinTest {
  private static final TestCertificate ROOT = TestCertificate.newRootCa("Pin Test Root");
  private static final TestCertificate INTERMEDIATE =
      TestCertificate.builder().commonName("Pin Test Intermediate").issuer(ROOT).ca().build();
  private static final TestCertificate SERVER =
      TestCertificate.builder().issuer(INTERMEDIATE).localhostServer().build();

  private static TlsConfig.Builder trustingRoot() {
    return TlsConfig.builder().trust(TrustMaterial.certificates(ROOT.certificate()));
  }

  @Test
  void handshake_pinOfLeaf_connects() throws Exception {
    TlsConfig tls = trustingRoot().addPin(Pins.pin(SERVER.certificate())).build();
    try (LoopbackTlsServer s = LoopbackTlsServer.start(SERVER); SSLSocket c = connect(tls, "localhost", s.port())) {
      assertEcho(c, "pinned leaf");
    }
  }

  @Test
  void handshake_pinOfRootNotSentByServer_connects() throws Exception {
    // The root is not in what the server sends, but it is the anchor of the verified chain.
    TlsConfig tls = trustingRoot().addPin("sha256/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=")
        .addPin(Pins.pin(ROOT.certificate())).build();
    try (LoopbackTlsServer s = LoopbackTlsServer.start(SERVER); SSLSocket c = connect(tls, "localhost", s.port())) {
      assertEcho(c, "pinned root");
    }
  }

  @Test
  void handshake_pinMismatch_refusedListingPeerAndConfiguredPins() throws Exception {
    TestCertificate stranger = TestCertificate.newRootCa("Stranger");
    String configured = Pins.pin(stranger.certificate());
    TlsConfig tls = trustingRoot().addPin(configured).build();
    try (LoopbackTlsServer s = LoopbackTlsServer.start(SERVER)) {
      assertRejected(refused(tls, "localhost", s.port()), PIN_MISMATCH, "pinning failure for localhost",
          configured, Pins.pin(SERVER.certificate()), Pins.pin(INTERMEDIATE.certificate()),
          Pins.pin(ROOT.certificate()), "CN=Pin Test Intermediate");
    }
  }

  @Test
  void handshake_pinMatchesButChainUntrusted_refusedUntrusted() throws Exception {
    // A pin is checked in addition to validation, never instead of it.
    TlsConfig tls = TlsConfig.builder().trust(TrustMaterial.certificates(TestCertificate.newRootCa("Other")
        .certificate())).addPin(Pins.pin(SERVER.certificate())).build();
    try (LoopbackTlsServer s = LoopbackTlsServer.start(SERVER)) {
      assertRejected(refused(tls, "localhost", s.port()), UNTRUSTED, "no trusted path");
    }
  }

  @Test
  void addPin_wrongPrefix_throwsNamingValue() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> TlsConfig.builder().addPin("sha1/AAAAAAAAAAAAAAAAAAAAAAAAAAA="));
    assertTrue(e.getMessage().contains("sha1/AAAAAAAAAAAAAAAAAAAAAAAAAAA="), e.getMessage());
    assertTrue(e.getMessage().contains("must start with sha256/"), e.getMessage());
  }

  @Test
  void addPin_notBase64_throwsNamingValue() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> TlsConfig.builder().addPin("sha256/not*base64!"));
    assertTrue(e.getMessage().contains("not valid base64") && e.getMessage().contains("sha256/not*base64!"),
        e.getMessage());
  }

  @Test
  void addPin_wrongLength_throwsNamingLength() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> TlsConfig.builder().addPin("sha256/AAAA"));
    assertTrue(e.getMessage().contains("holds 3 bytes") && e.getMessage().contains("sha256/AAAA"), e.getMessage());
  }

  @Test
  void addPin_null_throwsNpe() {
    NullPointerException e = assertThrows(NullPointerException.class, () -> TlsConfig.builder().addPin(null));
    assertTrue(e.getMessage().contains("pin == null"));
  }
}
