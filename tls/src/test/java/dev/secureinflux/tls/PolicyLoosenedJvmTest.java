package dev.secureinflux.tls;

import static dev.secureinflux.tls.CertificateRejectedException.Reason.CIPHER_SUITE_NOT_ALLOWED;
import static dev.secureinflux.tls.CertificateRejectedException.Reason.PROTOCOL_NOT_ALLOWED;
import static dev.secureinflux.tls.CertificateRejectedException.Reason.WEAK_KEY;
import static dev.secureinflux.tls.CertificateRejectedException.Reason.WEAK_SIGNATURE;
import static dev.secureinflux.tls.Handshakes.assertRejected;
import static dev.secureinflux.tls.Handshakes.loopbackSocket;
import static dev.secureinflux.tls.Handshakes.refused;
import static dev.secureinflux.tls.Handshakes.rejection;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.secureinflux.testkit.TestCertificate;
import dev.secureinflux.testkit.TestCertificate.KeyType;
import java.net.InetAddress;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.Security;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs only in the surefire execution {@code loosened-jvm} (java.security re-enables TLS 1.0/1.1, SHA-1, small
 * keys): a plain JDK client now accepts what the library refuses, so the refusals are the library's own. The
 * other policy tests run in that JVM too.
 */
class PolicyLoosenedJvmTest {
  private static final TestCertificate ROOT =
      TestCertificate.builder().commonName("Loosened Root").keyType(KeyType.RSA_2048).ca().build();
  private static final TestCertificate SERVER =
      TestCertificate.builder().issuer(ROOT).keyType(KeyType.RSA_2048).localhostServer().build();

  @TempDir
  Path dir;

  /** The JDK's own client, trusting ROOT, with its default (here loosened) protocols and suites. */
  private static SSLSocketFactory plainJdkClient() throws Exception {
    KeyStore store = KeyStore.getInstance("PKCS12");
    store.load(null, null);
    store.setCertificateEntry("root", ROOT.certificate());
    TrustManagerFactory tmf = TrustManagerFactory.getInstance("PKIX");
    tmf.init(store);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, tmf.getTrustManagers(), null);
    return context.getSocketFactory();
  }

  private static SSLSocket handshake(SSLSocketFactory factory, int port, String[] protocols, String[] suites)
      throws Exception {
    SSLSocket s = (SSLSocket) factory.createSocket(loopbackSocket(InetAddress.getByName("127.0.0.1"), port),
        "localhost", port, true);
    if (protocols != null) {
      s.setEnabledProtocols(protocols);
      s.setEnabledCipherSuites(suites);
    }
    s.startHandshake();
    return s;
  }

  private static TlsConfig trustingRoot() {
    return TlsConfig.builder().trust(TrustMaterial.certificates(ROOT.certificate())).build();
  }

  @Test
  void jvm_javaSecurity_isLoosened() {
    assertFalse(Security.getProperty("jdk.tls.disabledAlgorithms").contains("TLSv1.1"));
    assertFalse(Security.getProperty("jdk.certpath.disabledAlgorithms").contains("SHA1"));
  }

  @Test
  void plainJdkClient_tls11Server_connects() throws Exception {
    try (OpensslTestServer s = OpensslTestServer.start(dir, SERVER, "-tls1_1", "-cipher", "DEFAULT:@SECLEVEL=0");
        SSLSocket c = handshake(plainJdkClient(), s.port(), null, null)) {
      assertEquals("TLSv1.1", c.getSession().getProtocol());
    }
  }

  @Test
  void widenedPolicySocket_tls11Server_refusedByTrustManager() throws Exception {
    try (OpensslTestServer s = OpensslTestServer.start(dir, SERVER, "-tls1_1", "-cipher", "DEFAULT:@SECLEVEL=0")) {
      SSLException e = assertThrows(SSLException.class, () -> handshake(trustingRoot().socketFactory(), s.port(),
          new String[] {"TLSv1.1"}, new String[] {"TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA"}).close());
      assertRejected(rejection(e), PROTOCOL_NOT_ALLOWED, "negotiated TLSv1.1", "do not widen");
    }
  }

  @Test
  void plainJdkClient_cbcOnlyServer_connects() throws Exception {
    try (OpensslTestServer s = OpensslTestServer.start(dir, SERVER, "-tls1_2", "-cipher", "ECDHE-RSA-AES128-SHA256");
        SSLSocket c = handshake(plainJdkClient(), s.port(), null, null)) {
      assertEquals("TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256", c.getSession().getCipherSuite());
    }
  }

  @Test
  void widenedPolicySocket_cbcSuite_refusedByTrustManager() throws Exception {
    try (OpensslTestServer s = OpensslTestServer.start(dir, SERVER, "-tls1_2", "-cipher", "ECDHE-RSA-AES128-SHA256")) {
      SSLException e = assertThrows(SSLException.class, () -> handshake(trustingRoot().socketFactory(), s.port(),
          new String[] {"TLSv1.2"}, new String[] {"TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256"}).close());
      assertRejected(rejection(e), CIPHER_SUITE_NOT_ALLOWED, "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256");
    }
  }

  @Test
  void plainJdkClientAcceptsSha1Leaf_libraryRefuses() throws Exception {
    TestCertificate sha1 = TestCertificate.builder().issuer(ROOT).localhostServer()
        .signatureAlgorithm("SHA1withRSA").build();
    try (LoopbackTlsServer s = LoopbackTlsServer.start(sha1)) {
      try (SSLSocket c = handshake(plainJdkClient(), s.port(), null, null)) {
        assertEquals(sha1.certificate(), c.getSession().getPeerCertificates()[0]);
      }
      assertRejected(refused(trustingRoot(), "localhost", s.port()), WEAK_SIGNATURE, "SHA1withRSA");
    }
  }

  @Test
  void plainJdkClientAcceptsRsa1024Leaf_libraryRefuses() throws Exception {
    TestCertificate weak = TestCertificate.builder().issuer(ROOT).localhostServer().keyType(KeyType.RSA_1024)
        .build();
    try (LoopbackTlsServer s = LoopbackTlsServer.start(weak)) {
      try (SSLSocket c = handshake(plainJdkClient(), s.port(), null, null)) {
        assertEquals(weak.certificate(), c.getSession().getPeerCertificates()[0]);
      }
      assertRejected(refused(trustingRoot(), "localhost", s.port()), WEAK_KEY, "1024-bit RSA");
    }
  }
}
