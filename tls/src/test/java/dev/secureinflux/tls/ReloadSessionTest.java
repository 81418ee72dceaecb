package dev.secureinflux.tls;

import static dev.secureinflux.tls.CertificateRejectedException.Reason.UNTRUSTED;
import static dev.secureinflux.tls.Handshakes.assertEcho;
import static dev.secureinflux.tls.Handshakes.assertRejected;
import static dev.secureinflux.tls.Handshakes.connect;
import static dev.secureinflux.tls.Handshakes.refused;
import static dev.secureinflux.tls.Handshakes.rejection;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpsServer;
import dev.secureinflux.testkit.TestCertificate;
import dev.secureinflux.testkit.TestTls;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * TLS sessions across a reload: a session verified with the old trust is never resumed by a connection made
 * after the reload, whenever the JDK caches it (a TLS 1.3 ticket read late, a TLS 1.2 handshake that finishes
 * after the reload, the same through {@code java.net.http.HttpClient}); {@link TlsConfig#isCurrent} tells which
 * sessions were verified with the material in use, resumed ones included.
 */
class ReloadSessionTest {
  private static final TestCertificate CA_1 = TestCertificate.newRootCa("Session CA 1");
  private static final TestCertificate CA_2 = TestCertificate.newRootCa("Session CA 2");
  private static final TestCertificate SERVER_1 = TestCertificate.builder().issuer(CA_1).localhostServer().build();
  private static final TestCertificate SERVER_1B = TestCertificate.builder().issuer(CA_1).localhostServer().build();

  @TempDir
  Path dir;

  /** A clock that runs an action once, at its next reading: inside the trust manager, in mid-handshake. */
  private static final class ReloadingClock extends Clock {
    final AtomicReference<Runnable> atNextReading = new AtomicReference<>();

    @Override
    public Instant instant() {
      Runnable action = atNextReading.getAndSet(null);
      if (action != null) {
        action.run();
      }
      return Instant.now();
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }
  }

  /** Trusts CA 1 from a file; {@link #dropCa1} rewrites the file to CA 2 only. */
  private TlsConfig trustingCa1(ReloadingClock clock) {
    Path ca = CA_1.writeCertificatePem(dir.resolve("ca.pem"));
    return TlsConfig.builder().trust(TrustMaterial.pem(ca)).clock(clock).build();
  }

  private void dropCa1() throws IOException {
    ReloadTest.replace(dir.resolve("ca.pem"), CA_2.certificatePem());
  }

  @Test
  void reload_lateTls13SessionTicketVerifiedUnderOldTrust_nextConnectionMakesFullHandshakeAndIsRefused()
      throws Exception {
    TlsConfig tls = trustingCa1(new ReloadingClock());
    try (LoopbackTlsServer server = LoopbackTlsServer.start(SERVER_1);
        SSLSocket busy = connect(tls, "localhost", server.port())) {
      assertEquals("TLSv1.3", busy.getSession().getProtocol());
      // The handshake is done under CA 1; the server's NewSessionTicket waits unread until the next read.
      dropCa1();
      tls.reload();
      assertEcho(busy, "reading the late session ticket");
      // CA 1 is no longer trusted: resuming the late ticket would skip the trust manager.
      assertRejected(refused(tls, "localhost", server.port()), UNTRUSTED, "Session CA 1");
    }
  }

  @Test
  void reload_duringTls12Handshake_sessionCachedAfterTheReloadIsNotResumed() throws Exception {
    ReloadingClock clock = new ReloadingClock();
    TlsConfig tls = trustingCa1(clock);
    try (LoopbackTlsServer server = LoopbackTlsServer.restricted(SERVER_1, new String[] {"TLSv1.2"}, null)) {
      dropCa1();
      clock.atNextReading.set(tls::reload); // The chain is being checked under CA 1 when the reload happens.
      try (SSLSocket busy = connect(tls, "localhost", server.port())) {
        assertEquals("TLSv1.2", busy.getSession().getProtocol());
        assertFalse(tls.isCurrent(busy.getSession()));
        assertEcho(busy, "verified under the old trust");
      }
      // The JDK cached that session when the handshake finished, after the reload.
      assertRejected(refused(tls, "localhost", server.port()), UNTRUSTED, "Session CA 1");
    }
  }

  @Test
  void reload_duringHttpClientHandshake_nextHttpClientConnectionMakesFullHandshakeAndIsRefused()
      throws Exception {
    ReloadingClock clock = new ReloadingClock();
    TlsConfig tls = trustingCa1(clock);
    HttpsServer server = HandshakeHttpClientsTest.server(SERVER_1);
    try {
      String url = "https://localhost:" + server.getAddress().getPort() + "/";
      dropCa1();
      clock.atNextReading.set(tls::reload);
      assertEquals(200, get(tls, url).statusCode()); // Verified under CA 1; its session ticket follows.
      IOException e = assertThrows(IOException.class, () -> get(tls, url)); // A new client: a new connection.
      assertRejected(rejection(e), UNTRUSTED, "Session CA 1");
    } finally {
      server.stop(0);
    }
  }

  private static HttpResponse<String> get(TlsConfig tls, String url) throws Exception {
    HttpClient client = HttpClient.newBuilder().sslContext(tls.sslContext()).sslParameters(tls.sslParameters())
        .proxy(HttpClient.Builder.NO_PROXY).version(HttpClient.Version.HTTP_1_1).build();
    return client.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void isCurrent_sessionVerifiedBeforeReload_trueUntilTheReload() throws Exception {
    TlsConfig tls = trustingCa1(new ReloadingClock());
    try (LoopbackTlsServer server = LoopbackTlsServer.start(SERVER_1);
        SSLSocket c = connect(tls, "localhost", server.port())) {
      assertTrue(tls.isCurrent(c.getSession()));
      tls.reload(); // Same file, same trust: still a new generation.
      assertFalse(tls.isCurrent(c.getSession()));
      try (SSLSocket fresh = connect(tls, "localhost", server.port())) {
        assertTrue(tls.isCurrent(fresh.getSession()));
      }
    }
  }

  @Test
  void isCurrent_resumedTls13AndTls12Sessions_trueUntilTheReload() throws Exception {
    for (String protocol : new String[] {"TLSv1.3", "TLSv1.2"}) {
      TlsConfig tls = trustingCa1(new ReloadingClock());
      try (LoopbackTlsServer server = LoopbackTlsServer.restricted(SERVER_1, new String[] {protocol}, null)) {
        try (SSLSocket first = connect(tls, "localhost", server.port())) {
          assertEcho(first, "session ticket read");
        }
        server.rotate(SERVER_1B); // A full handshake would now see SERVER_1B.
        try (SSLSocket resumed = connect(tls, "localhost", server.port())) {
          assertEquals(SERVER_1.certificate(), resumed.getSession().getPeerCertificates()[0],
              protocol + ": not resumed");
          assertTrue(tls.isCurrent(resumed.getSession()), protocol);
          tls.reload();
          assertFalse(tls.isCurrent(resumed.getSession()), protocol);
        }
        try (SSLSocket afterReload = connect(tls, "localhost", server.port())) {
          assertEquals(SERVER_1B.certificate(), afterReload.getSession().getPeerCertificates()[0],
              protocol + ": resumed a session of the previous generation");
          assertTrue(tls.isCurrent(afterReload.getSession()), protocol);
        }
      }
    }
  }

  @Test
  void isCurrent_sessionNotVerifiedByThisConfig_false() throws Exception {
    TlsConfig tls = trustingCa1(new ReloadingClock());
    TlsConfig other = TlsConfig.builder().trust(TrustMaterial.certificates(CA_1.certificate())).build();
    try (LoopbackTlsServer server = LoopbackTlsServer.start(SERVER_1);
        SSLSocket byOther = connect(other, "localhost", server.port());
        SSLSocket byJdk = connect(TestTls.clientContext(CA_1).getSocketFactory(), "localhost", server.port())) {
      assertTrue(other.isCurrent(byOther.getSession()));
      assertFalse(tls.isCurrent(byOther.getSession()));
      assertFalse(tls.isCurrent(byJdk.getSession()));
    }
    NullPointerException e = assertThrows(NullPointerException.class, () -> tls.isCurrent(null));
    assertEquals("session == null", e.getMessage());
  }

  @Test
  void reload_sessionCacheSettings_carriedToTheNextContext() {
    TlsConfig tls = trustingCa1(new ReloadingClock());
    tls.sslContext().getClientSessionContext().setSessionTimeout(600);
    tls.sslContext().getClientSessionContext().setSessionCacheSize(7);
    tls.reload();
    assertEquals(600, tls.sslContext().getClientSessionContext().getSessionTimeout());
    assertEquals(7, tls.sslContext().getClientSessionContext().getSessionCacheSize());
  }

  @Test
  void hostnameVerifier_sessionVerifiedBeforeReload_falseAfterIt() throws Exception {
    TlsConfig tls = trustingCa1(new ReloadingClock());
    try (LoopbackTlsServer server = LoopbackTlsServer.start(SERVER_1);
        SSLSocket c = connect(tls, "localhost", server.port())) {
      assertTrue(tls.hostnameVerifier().verify("localhost", c.getSession()));
      tls.reload(); // Same file, same trust: still a new generation.
      assertFalse(tls.hostnameVerifier().verify("localhost", c.getSession()));
      try (SSLSocket fresh = connect(tls, "localhost", server.port())) {
        assertTrue(tls.hostnameVerifier().verify("localhost", fresh.getSession()));
      }
    }
  }

  /**
   * A socket created (unconnected) before the reload belongs to the old JDK context, whose cache receives the
   * late TLS 1.3 ticket of a connection verified under CA 1: connected after the reload, it resumes that session
   * without any check although CA 1 is no longer trusted. The verifier, which OkHttp calls after every new
   * connection's handshake, refuses it.
   */
  @Test
  void hostnameVerifier_socketCreatedBeforeReloadResumesSessionOfOldTrust_false() throws Exception {
    TlsConfig tls = trustingCa1(new ReloadingClock());
    try (LoopbackTlsServer server = LoopbackTlsServer.start(SERVER_1);
        SSLSocket early = (SSLSocket) tls.socketFactory().createSocket();
        SSLSocket busy = connect(tls, "localhost", server.port())) {
      dropCa1();
      tls.reload();
      assertEcho(busy, "reading the late session ticket into the old context's cache");
      InetAddress localhost = InetAddress.getByName("localhost");
      assertTrue(localhost.isLoopbackAddress(), "tripwire: localhost is " + localhost);
      early.connect(new InetSocketAddress(localhost, server.port()), 10_000);
      early.setSoTimeout(20_000);
      early.startHandshake();
      assertEquals(SERVER_1.certificate(), early.getSession().getPeerCertificates()[0]);
      assertFalse(tls.isCurrent(early.getSession()));
      assertFalse(tls.hostnameVerifier().verify("localhost", early.getSession()));
    }
  }
}
