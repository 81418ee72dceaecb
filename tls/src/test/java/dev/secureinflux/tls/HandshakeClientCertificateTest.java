package dev.secureinflux.tls;

import static dev.secureinflux.tls.Handshakes.assertEcho;
import static dev.secureinflux.tls.Handshakes.connect;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.secureinflux.testkit.TestCertificate;
import dev.secureinflux.testkit.TestCertificate.KeyType;
import java.io.IOException;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;

/** Mutual TLS against an in-JVM server that requires a client certificate. */
class HandshakeClientCertificateTest {
  private static final TestCertificate ROOT = TestCertificate.newRootCa("mTLS Test Root");
  private static final TestCertificate SERVER = TestCertificate.builder().issuer(ROOT).localhostServer().build();
  private static final TestCertificate CLIENT_CA = TestCertificate.newRootCa("mTLS Client CA");

  private static TestCertificate client(KeyType type) {
    return TestCertificate.builder().issuer(CLIENT_CA).commonName("writer").keyType(type).clientAuth().build();
  }

  private static TlsConfig withIdentity(TestCertificate client) {
    return TlsConfig.builder().trust(TrustMaterial.certificates(ROOT.certificate()))
        .identity(KeyMaterial.of(client.keyPair().getPrivate(), client.chain())).build();
  }

  @Test
  void handshake_serverRequiresClientCertificateEc_presentsIdentity() throws Exception {
    TestCertificate client = client(KeyType.EC_P256);
    try (LoopbackTlsServer s = LoopbackTlsServer.requiringClientCertificate(SERVER, CLIENT_CA.certificate());
        SSLSocket c = connect(withIdentity(client), "localhost", s.port())) {
      assertEcho(c, "mutual");
      assertEquals(client.certificate(), s.lastClientCertificate());
    }
  }

  @Test
  void handshake_serverRequiresClientCertificateRsa_presentsIdentity() throws Exception {
    TestCertificate client = client(KeyType.RSA_2048);
    try (LoopbackTlsServer s = LoopbackTlsServer.requiringClientCertificate(SERVER, CLIENT_CA.certificate());
        SSLSocket c = connect(withIdentity(client), "localhost", s.port())) {
      assertEcho(c, "mutual rsa");
      assertEquals(client.certificate(), s.lastClientCertificate());
    }
  }

  @Test
  void handshake_serverRequiresClientCertificateEd25519_presentsIdentity() throws Exception {
    TestCertificate client = client(KeyType.ED25519);
    try (LoopbackTlsServer s = LoopbackTlsServer.requiringClientCertificate(SERVER, CLIENT_CA.certificate());
        SSLSocket c = connect(withIdentity(client), "localhost", s.port())) {
      assertEcho(c, "mutual ed25519");
      assertEquals(client.certificate(), s.lastClientCertificate());
    }
  }

  @Test
  void handshake_serverRequiresClientCertificateWithoutIdentity_fails() throws Exception {
    TlsConfig tls = TlsConfig.builder().trust(TrustMaterial.certificates(ROOT.certificate())).build();
    try (LoopbackTlsServer s = LoopbackTlsServer.requiringClientCertificate(SERVER, CLIENT_CA.certificate())) {
      IOException e = assertThrows(IOException.class, () -> {
        try (SSLSocket c = connect(tls, "localhost", s.port())) {
          c.getInputStream().read(); // Reading first, so the server's alert is what the client sees.
        }
      });
      // TLS 1.3: the server's alert arrives on the first read after the client finished its side.
      String m = String.valueOf(e.getMessage());
      assertTrue(m.contains("certificate_required") || m.contains("bad_certificate"), m);
      assertEquals(null, s.lastClientCertificate());
    }
  }
}
