package dev.secureinflux.tls;

import static dev.secureinflux.tls.CertificateRejectedException.Reason.INVALID_CHAIN;
import static dev.secureinflux.tls.CertificateRejectedException.Reason.NAME_NOT_PERMITTED;
import static dev.secureinflux.tls.Handshakes.assertEcho;
import static dev.secureinflux.tls.Handshakes.assertRejected;
import static dev.secureinflux.tls.Handshakes.connect;
import static dev.secureinflux.tls.Handshakes.refused;

import dev.secureinflux.testkit.TestCertificate;
import dev.secureinflux.tls.internal.Pins;
import javax.net.ssl.SSLSocket;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.x509.GeneralName;
import org.junit.jupiter.api.Test;

/**
 * Name constraints of the trust anchor itself (a private CA limited to {@code internal.example}), which the JDK's
 * PKIX validation ignores, are enforced for every certificate below it, as those of intermediates are.
 */
class HandshakeNameConstraintsTest {
  private static final TestCertificate INTERNAL_CA = TestCertificate.builder().commonName("Internal Only CA").ca()
      .permitDns("internal.example").excludeDns("localhost").build();
  private static final TestCertificate NO_LOOPBACK_CA = TestCertificate.builder().commonName("No Loopback CA").ca()
      .excludeIp("127.0.0.0/8").build();

  private static TlsConfig trusting(TestCertificate ca) {
    return TlsConfig.builder().trust(TrustMaterial.certificates(ca.certificate())).build();
  }

  @Test
  void handshake_anchorPermitsOnlyInternalExample_localhostLeafRefusedNameNotPermitted() throws Exception {
    TestCertificate leaf = TestCertificate.builder().issuer(INTERNAL_CA).localhostServer().build();
    try (LoopbackTlsServer server = LoopbackTlsServer.start(leaf)) {
      assertRejected(refused(trusting(INTERNAL_CA), "localhost", server.port()), NAME_NOT_PERMITTED,
          "DNS:localhost", "'CN=localhost", "'CN=Internal Only CA", "permitted [DNS:internal.example]",
          "excluded [DNS:localhost]");
    }
  }

  @Test
  void handshake_anchorPermitsInternalExample_leafInsideConnects() throws Exception {
    TestCertificate leaf = TestCertificate.builder().issuer(INTERNAL_CA).commonName("db.internal.example")
        .addDnsSan("db.internal.example").serverAuth().build();
    try (LoopbackTlsServer server = LoopbackTlsServer.start(leaf);
        SSLSocket c = connect(trusting(INTERNAL_CA), "db.internal.example", server.port())) {
      assertEcho(c, "inside the permitted subtree");
    }
  }

  @Test
  void handshake_anchorExcludesLoopbackRange_ipSanLeafRefusedNameNotPermitted() throws Exception {
    TestCertificate leaf = TestCertificate.builder().issuer(NO_LOOPBACK_CA).commonName("loopback")
        .addIpSan("127.0.0.1").serverAuth().build();
    try (LoopbackTlsServer server = LoopbackTlsServer.start(leaf)) {
      assertRejected(refused(trusting(NO_LOOPBACK_CA), "127.0.0.1", server.port()), NAME_NOT_PERMITTED,
          "IP:127.0.0.1", "excluded [IP:127.0.0.0/8]");
    }
  }

  @Test
  void handshake_constrainedAnchorAboveIntermediate_localhostLeafRefusedNameNotPermitted() throws Exception {
    TestCertificate intermediate = TestCertificate.builder().issuer(INTERNAL_CA).commonName("Unconstrained Sub CA")
        .ca().build();
    TestCertificate leaf = TestCertificate.builder().issuer(intermediate).localhostServer().build();
    try (LoopbackTlsServer server = LoopbackTlsServer.start(leaf)) {
      assertRejected(refused(trusting(INTERNAL_CA), "localhost", server.port()), NAME_NOT_PERMITTED,
          "DNS:localhost", "'CN=Internal Only CA");
    }
  }

  @Test
  void handshake_fingerprintedConstrainedCa_localhostLeafRefusedNameNotPermitted() throws Exception {
    TestCertificate leaf = TestCertificate.builder().issuer(INTERNAL_CA).localhostServer().build();
    TlsConfig tls = TlsConfig.builder()
        .trust(TrustMaterial.fingerprint(Pins.fingerprint(INTERNAL_CA.certificate()))).build();
    // The server sends the CA too: a fingerprinted certificate must be in the chain to be found.
    try (LoopbackTlsServer server = LoopbackTlsServer.start(leaf.chainWithRoot(), leaf.keyPair().getPrivate())) {
      assertRejected(refused(tls, "localhost", server.port()), NAME_NOT_PERMITTED, "DNS:localhost",
          "'CN=Internal Only CA");
    }
  }

  @Test
  void handshake_constrainedIntermediate_localhostLeafRefusedNameNotPermitted() throws Exception {
    TestCertificate root = TestCertificate.newRootCa("Unconstrained Root");
    TestCertificate intermediate = TestCertificate.builder().issuer(root).commonName("Internal Sub CA").ca()
        .permitDns("internal.example").build();
    TestCertificate leaf = TestCertificate.builder().issuer(intermediate).localhostServer().build();
    try (LoopbackTlsServer server = LoopbackTlsServer.start(leaf)) {
      assertRejected(refused(trusting(root), "localhost", server.port()), NAME_NOT_PERMITTED, "'CN=localhost",
          "name constraints of 'CN=Internal Sub CA", "(permitted [DNS:internal.example])");
    }
  }

  /**
   * A fingerprinted CA is found in the server's chain, after loading: its constraints are not checked at load time,
   * and BouncyCastle's validator fails on an x400Address subtree (IllegalStateException). Refused as a chain that
   * cannot be checked, not as an unchecked exception inside the handshake.
   */
  @Test
  void handshake_fingerprintedCaWithX400AddressConstraint_refusedInvalidChainNamingTheCa() throws Exception {
    TestCertificate ca = TestCertificate.builder().commonName("X400 Constrained CA").ca()
        .excludeSubtree(new GeneralName(GeneralName.x400Address, new DERSequence(new DERSequence()))).build();
    TestCertificate leaf = TestCertificate.builder().issuer(ca).localhostServer().build();
    TlsConfig tls = TlsConfig.builder().trust(TrustMaterial.fingerprint(Pins.fingerprint(ca.certificate()))).build();
    try (LoopbackTlsServer server = LoopbackTlsServer.start(leaf.chainWithRoot(), leaf.keyPair().getPrivate())) {
      assertRejected(refused(tls, "localhost", server.port()), INVALID_CHAIN,
          "name constraints of trust anchor 'CN=X400 Constrained CA", "excluded [x400Address]", "cannot be applied",
          "IllegalStateException");
    }
  }
}
