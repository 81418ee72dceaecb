package dev.secureinflux.tls;

import static dev.secureinflux.tls.Handshakes.assertEcho;
import static dev.secureinflux.tls.Handshakes.connect;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.secureinflux.testkit.TestCertificate;
import dev.secureinflux.testkit.TestCertificate.KeyType;
import java.nio.file.Path;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Protocol and cipher-suite refusals against {@code openssl s_server} on 127.0.0.1: a server that offers only
 * TLS 1.1, only CBC suites or only RSA key exchange is refused; the same server with an AEAD ECDHE suite is not.
 */
class OpensslServerHandshakeTest {
  private static final TestCertificate ROOT =
      TestCertificate.builder().commonName("OpenSSL Test Root").keyType(KeyType.RSA_2048).ca().build();
  private static final TestCertificate SERVER =
      TestCertificate.builder().issuer(ROOT).keyType(KeyType.RSA_2048).localhostServer().build();

  @TempDir
  Path dir;

  private static TlsConfig trustingRoot() {
    return TlsConfig.builder().trust(TrustMaterial.certificates(ROOT.certificate())).build();
  }

  private SSLHandshakeException refusedBy(String... serverArgs) throws Exception {
    try (OpensslTestServer s = OpensslTestServer.start(dir, SERVER, serverArgs)) {
      return assertThrows(SSLHandshakeException.class, () -> {
        try (SSLSocket c = connect(trustingRoot(), "localhost", s.port())) {
          assertEcho(c, "must not get here");
        }
      });
    }
  }

  @Test
  void handshake_serverOnlyTls11_refusedProtocolVersion() throws Exception {
    SSLHandshakeException e = refusedBy("-tls1_1", "-cipher", "DEFAULT:@SECLEVEL=0");
    // The client offers only TLS 1.3/1.2; OpenSSL answers with a protocol_version alert.
    assertTrue(e.getMessage().contains("protocol_version"), e.getMessage());
  }

  @Test
  void handshake_serverOnlyTls10_refusedProtocolVersion() throws Exception {
    SSLHandshakeException e = refusedBy("-tls1", "-cipher", "DEFAULT:@SECLEVEL=0");
    assertTrue(e.getMessage().contains("protocol_version"), e.getMessage());
  }

  @Test
  void handshake_serverOnlyCbcSuitesWithEcdhe_refusedHandshakeFailure() throws Exception {
    SSLHandshakeException e = refusedBy("-tls1_2", "-cipher", "ECDHE-RSA-AES128-SHA256:ECDHE-RSA-AES256-SHA");
    // No suite in common: OpenSSL answers handshake_failure ("no shared cipher" on its side).
    assertTrue(e.getMessage().contains("handshake_failure"), e.getMessage());
  }

  @Test
  void handshake_serverOnlyRsaKeyExchange_refusedHandshakeFailure() throws Exception {
    SSLHandshakeException e = refusedBy("-tls1_2", "-cipher", "AES128-GCM-SHA256:AES256-GCM-SHA384:AES128-SHA");
    assertTrue(e.getMessage().contains("handshake_failure"), e.getMessage());
  }

  @Test
  void handshake_serverTls12EcdheAead_connects() throws Exception {
    try (OpensslTestServer s = OpensslTestServer.start(dir, SERVER, "-tls1_2", "-cipher", "ECDHE-RSA-AES128-GCM-SHA256");
        SSLSocket c = connect(trustingRoot(), "localhost", s.port())) {
      assertEquals("TLSv1.2", c.getSession().getProtocol());
      assertEquals("TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", c.getSession().getCipherSuite());
    }
  }

  @Test
  void handshake_serverTls13_connects() throws Exception {
    try (OpensslTestServer s = OpensslTestServer.start(dir, SERVER, "-tls1_3");
        SSLSocket c = connect(trustingRoot(), "localhost", s.port())) {
      assertEquals("TLSv1.3", c.getSession().getProtocol());
    }
  }
}
