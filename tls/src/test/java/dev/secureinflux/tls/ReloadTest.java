package dev.secureinflux.tls;

import static dev.secureinflux.tls.CertificateRejectedException.Reason.UNTRUSTED;
import static dev.secureinflux.tls.Handshakes.assertEcho;
import static dev.secureinflux.tls.Handshakes.assertRejected;
import static dev.secureinflux.tls.Handshakes.connect;
import static dev.secureinflux.tls.Handshakes.refused;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.secureinflux.testkit.TestCertificate;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Rotation under a running client: a live in-JVM server whose certificate (and the client's own) is replaced;
 * open connections go on, new handshakes use the new material, broken files keep the old one, and a
 * Kubernetes-style {@code ..data} symlink swap is picked up by the watcher.
 */
class ReloadTest {
  private static final TestCertificate CA_1 = TestCertificate.newRootCa("Reload CA 1");
  private static final TestCertificate CA_2 = TestCertificate.newRootCa("Reload CA 2");
  private static final TestCertificate SERVER_1 = TestCertificate.builder().issuer(CA_1).localhostServer().build();
  private static final TestCertificate SERVER_2 = TestCertificate.builder().issuer(CA_2).localhostServer().build();
  private static final TestCertificate CLIENT_CA = TestCertificate.newRootCa("Reload Client CA");
  private static final TestCertificate CLIENT_1 =
      TestCertificate.builder().issuer(CLIENT_CA).commonName("client one").clientAuth().build();
  private static final TestCertificate CLIENT_2 =
      TestCertificate.builder().issuer(CLIENT_CA).commonName("client two").clientAuth().build();

  @TempDir
  Path dir;

  /** Writes {@code text} to {@code file} (mode 600) by rename, as a careful deployer does. */
  static void replace(Path file, String text) throws IOException {
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    Files.writeString(tmp, text, StandardCharsets.US_ASCII);
    Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  @Test
  void reload_serverAndClientCertificatesRotated_oldConnectionContinuesNewHandshakeUsesNewMaterial()
      throws Exception {
    Path ca = CA_1.writeCertificatePem(dir.resolve("ca.pem"));
    Path chain = CLIENT_1.writeChainPem(dir.resolve("client.pem"));
    Path key = CLIENT_1.writePrivateKeyPem(dir.resolve("client-key.pem"));
    AtomicInteger reloads = new AtomicInteger();
    TlsConfig tls = TlsConfig.builder().trust(TrustMaterial.pem(ca)).identity(KeyMaterial.pem(chain, key, null))
        .addReloadListener(config -> reloads.incrementAndGet()).build();
    try (LoopbackTlsServer server = LoopbackTlsServer.requiringClientCertificate(SERVER_1, CLIENT_CA.certificate());
        SSLSocket old = connect(tls, "localhost", server.port())) {
      assertEcho(old, "before rotation");
      assertEquals(CLIENT_1.certificate(), server.lastClientCertificate());

      server.rotate(SERVER_2);
      replace(ca, CA_2.certificatePem());
      replace(chain, CLIENT_2.chainPem());
      replace(key, CLIENT_2.privateKeyPem());

      tls.reload();
      assertEquals(1, reloads.get());
      assertEcho(old, "old connection still works");
      assertEquals(SERVER_1.certificate(), old.getSession().getPeerCertificates()[0]);
      try (SSLSocket fresh = connect(tls, "localhost", server.port())) {
        assertEcho(fresh, "after rotation");
        assertEquals(SERVER_2.certificate(), fresh.getSession().getPeerCertificates()[0]);
        assertEquals(CLIENT_2.certificate(), server.lastClientCertificate());
      }
    }
  }

  @Test
  void reload_halfWrittenTrustFile_keepsOldMaterialLogsAndThrows() throws Exception {
    Path ca = CA_1.writeCertificatePem(dir.resolve("ca.pem"));
    AtomicInteger reloads = new AtomicInteger();
    TlsConfig tls = TlsConfig.builder().trust(TrustMaterial.pem(ca))
        .addReloadListener(config -> reloads.incrementAndGet()).build();
    String pem = CA_2.certificatePem();
    Files.writeString(ca, pem.substring(0, pem.length() / 2), StandardCharsets.US_ASCII);
    List<String> logged = LogCapture.warnings(() -> {
      TlsMaterialException e = assertThrows(TlsMaterialException.class, tls::reload);
      assertTrue(e.getMessage().contains("ca.pem"), e.getMessage());
    });
    assertTrue(logged.stream().anyMatch(m -> m.contains("keeping the previous material") && m.contains("ca.pem")),
        logged.toString());
    assertEquals(0, reloads.get());
    try (LoopbackTlsServer server = LoopbackTlsServer.start(SERVER_1);
        SSLSocket c = connect(tls, "localhost", server.port())) {
      assertEcho(c, "old trust kept");
    }
  }

  @Test
  void reload_halfWrittenKeyFile_keepsOldIdentity() throws Exception {
    Path ca = CA_1.writeCertificatePem(dir.resolve("ca.pem"));
    Path chain = CLIENT_1.writeChainPem(dir.resolve("client.pem"));
    Path key = CLIENT_1.writePrivateKeyPem(dir.resolve("client-key.pem"));
    TlsConfig tls = TlsConfig.builder().trust(TrustMaterial.pem(ca)).identity(KeyMaterial.pem(chain, key, null))
        .build();
    // The new chain arrived, its key is still being written: key and chain must not be mixed.
    replace(chain, CLIENT_2.chainPem());
    String keyPem = CLIENT_2.privateKeyPem();
    Files.writeString(key, keyPem.substring(0, keyPem.length() / 3), StandardCharsets.US_ASCII);
    assertThrows(TlsMaterialException.class, tls::reload);
    try (LoopbackTlsServer server = LoopbackTlsServer.requiringClientCertificate(SERVER_1, CLIENT_CA.certificate());
        SSLSocket c = connect(tls, "localhost", server.port())) {
      assertEcho(c, "old identity kept");
      assertEquals(CLIENT_1.certificate(), server.lastClientCertificate());
    }
  }

  @Test
  void reloading_kubernetesDataSymlinkSwap_watcherPicksUpNewTrust() throws Exception {
    // The layout of a Kubernetes secret volume: ca.pem -> ..data/ca.pem, ..data -> ..2026_01 (swapped as a whole).
    Path v1 = Files.createDirectory(dir.resolve("..2026_01"));
    CA_1.writeCertificatePem(v1.resolve("ca.pem"));
    Files.createSymbolicLink(dir.resolve("..data"), v1.getFileName());
    Path ca = Files.createSymbolicLink(dir.resolve("ca.pem"), Path.of("..data", "ca.pem"));
    CountDownLatch reloaded = new CountDownLatch(1);
    try (TlsConfig tls = TlsConfig.builder().trust(TrustMaterial.pem(ca)).reloading(Duration.ofMillis(200))
        .addReloadListener(config -> reloaded.countDown()).build();
        LoopbackTlsServer server = LoopbackTlsServer.start(SERVER_2)) {
      assertRejected(refused(tls, "localhost", server.port()), UNTRUSTED, "Reload CA 2");

      Path v2 = Files.createDirectory(dir.resolve("..2026_02"));
      CA_2.writeCertificatePem(v2.resolve("ca.pem"));
      Path tmpLink = Files.createSymbolicLink(dir.resolve("..data_tmp"), v2.getFileName());
      Files.move(tmpLink, dir.resolve("..data"), StandardCopyOption.REPLACE_EXISTING,
          StandardCopyOption.ATOMIC_MOVE);

      assertTrue(reloaded.await(60, TimeUnit.SECONDS), "the watcher did not reload after the symlink swap");
      try (SSLSocket c = connect(tls, "localhost", server.port())) {
        assertEcho(c, "new trust via symlink swap");
      }
    }
  }

  @Test
  void reload_inMemoryMaterial_swapsAndNotifies() throws Exception {
    AtomicInteger reloads = new AtomicInteger();
    TlsConfig tls = TlsConfig.builder().trust(TrustMaterial.certificates(CA_1.certificate()))
        .addReloadListener(config -> reloads.incrementAndGet())
        .addReloadListener(config -> {
          throw new IllegalStateException("a failing listener does not stop the others");
        })
        .addReloadListener(config -> reloads.incrementAndGet()).build();
    tls.reload();
    assertEquals(2, reloads.get());
  }
}
