package dev.secureinflux.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.secureinflux.testkit.TestCertificate;
import dev.secureinflux.tls.internal.MaterialWatcher;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyManagementException;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Supplier;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLContextSpi;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLServerSocketFactory;
import javax.net.ssl.SSLSessionContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The file watcher: a rewritten file is noticed, a broken write is retried when fixed, a reload that fails with an
 * Error (as hostile material can make a parser do) is logged and the watching goes on, close() stops it.
 */
class ReloadWatcherTest {
  private static final TestCertificate CA_1 = TestCertificate.newRootCa("Watcher CA 1");
  private static final TestCertificate CA_2 = TestCertificate.newRootCa("Watcher CA 2");
  private static final String HOSTILE = "-----BEGIN HOSTILE-----";

  @TempDir
  Path dir;

  /**
   * Reads anchors as TlsConfig does, except that a trust file holding {@link #HOSTILE} makes the reading throw
   * {@code error} (what a parser overflowing its stack or the heap does), after counting down {@code seen}.
   */
  private static Function<TrustMaterial, List<X509Certificate>> hostileThrows(Path file,
      Supplier<? extends Error> error, CountDownLatch seen) {
    return material -> {
      try {
        if (Files.readString(file).contains(HOSTILE)) {
          seen.countDown();
          throw error.get();
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return material.anchors();
    };
  }

  private static List<X509Certificate> trusted(TlsConfig tls) {
    return List.of(tls.trustManager().getAcceptedIssuers());
  }

  @Test
  void watcher_fileRewritten_callsBack() throws Exception {
    Path file = Files.writeString(dir.resolve("ca.pem"), "one");
    CountDownLatch changed = new CountDownLatch(1);
    try (MaterialWatcher watcher = new MaterialWatcher(List.of(file), Duration.ofMillis(100), changed::countDown)) {
      Files.writeString(file, "two");
      assertTrue(changed.await(60, TimeUnit.SECONDS), "no callback after the file changed");
      assertTrue(watcher.isRunning());
    }
  }

  @Test
  void watcher_callbackThrowsError_keepsWatchingAndCallsBackAtTheNextChange() throws Exception {
    Path file = Files.writeString(dir.resolve("ca.pem"), "one");
    AtomicInteger calls = new AtomicInteger();
    CountDownLatch second = new CountDownLatch(2);
    Runnable onChange = () -> {
      second.countDown();
      if (calls.incrementAndGet() == 1) {
        throw new StackOverflowError("simulated: nesting too deep");
      }
    };
    try (MaterialWatcher watcher = new MaterialWatcher(List.of(file), Duration.ofMillis(100), onChange)) {
      Files.writeString(file, "two");
      while (calls.get() == 0) {
        Thread.sleep(20);
      }
      Files.writeString(file, "three");
      assertTrue(second.await(60, TimeUnit.SECONDS), "no callback after the Error: the watcher thread died");
      assertTrue(watcher.isRunning());
    }
  }

  @Test
  void reloading_loadingThrowsStackOverflowError_logsKeepsOldTrustAndLoadsTheNextGoodRewrite() throws Exception {
    assertErrorLoggedAndWatchingGoesOn(() -> new StackOverflowError(), "java.lang.StackOverflowError");
  }

  @Test
  void reloading_loadingThrowsOutOfMemoryError_logsKeepsOldTrustAndLoadsTheNextGoodRewrite() throws Exception {
    assertErrorLoggedAndWatchingGoesOn(() -> new OutOfMemoryError("simulated: Java heap space"),
        "java.lang.OutOfMemoryError: simulated: Java heap space");
  }

  private void assertErrorLoggedAndWatchingGoesOn(Supplier<? extends Error> error, String logged) throws Exception {
    Path ca = CA_1.writeCertificatePem(dir.resolve("ca.pem"));
    CountDownLatch hostileSeen = new CountDownLatch(1);
    CountDownLatch reloaded = new CountDownLatch(1);
    try (TlsConfig tls = TlsConfig.builder().trust(TrustMaterial.pem(ca)).reloading(Duration.ofMillis(100))
        .anchorReader(hostileThrows(ca, error, hostileSeen)).addReloadListener(config -> reloaded.countDown())
        .build()) {
      List<String> messages = LogCapture.warnings(() -> {
        try {
          ReloadTest.replace(ca, HOSTILE + "\n");
          assertTrue(hostileSeen.await(60, TimeUnit.SECONDS), "the watcher did not reload the hostile file");
          ReloadTest.replace(ca, CA_2.certificatePem());
          assertTrue(reloaded.await(60, TimeUnit.SECONDS), "the good rewrite after the Error was not loaded");
        } catch (IOException | InterruptedException e) {
          throw new AssertionError(e);
        }
      });
      assertTrue(messages.stream().anyMatch(m -> m.contains("keeping the previous material") && m.contains(logged)
          && m.contains("ca.pem")), messages.toString());
      assertEquals(List.of(CA_2.certificate()), trusted(tls));
    }
  }

  @Test
  void reload_loadingThrowsError_rethrownLoggedAndOldTrustKept() throws Exception {
    Path ca = CA_1.writeCertificatePem(dir.resolve("ca.pem"));
    StackOverflowError thrown = new StackOverflowError();
    TlsConfig tls = TlsConfig.builder().trust(TrustMaterial.pem(ca))
        .anchorReader(hostileThrows(ca, () -> thrown, new CountDownLatch(1))).build();
    ReloadTest.replace(ca, HOSTILE + "\n");
    List<String> messages = LogCapture.warnings(() -> assertSame(thrown, assertThrows(Error.class, tls::reload)));
    assertTrue(messages.stream().anyMatch(m -> m.contains("keeping the previous material")
        && m.contains("java.lang.StackOverflowError")), messages.toString());
    assertEquals(List.of(CA_1.certificate()), trusted(tls));
  }

  /**
   * The next JDK context fails after the new material was read (here: its session cache): nothing of the reload is
   * published, neither the new trust nor the new key, the failure is logged and thrown, and no listener is called.
   */
  @Test
  void reload_nextJdkContextFailsAfterTheMaterialWasRead_nothingPublishedLoggedAndThrown() throws Exception {
    Path ca = CA_1.writeCertificatePem(dir.resolve("ca.pem"));
    AtomicInteger contexts = new AtomicInteger();
    AtomicInteger listened = new AtomicInteger();
    TlsConfig tls = TlsConfig.builder().trust(TrustMaterial.pem(ca))
        .jdkContexts(() -> contexts.incrementAndGet() == 1 ? tlsContext() : withoutSessionCache(tlsContext()))
        .addReloadListener(config -> listened.incrementAndGet()).build();
    ReloadTest.replace(ca, CA_2.certificatePem());
    List<String> messages = LogCapture.warnings(() -> {
      IllegalStateException e = assertThrows(IllegalStateException.class, tls::reload);
      assertEquals("simulated: no client session cache", e.getMessage());
    });
    assertTrue(messages.stream().anyMatch(m -> m.contains("keeping the previous material")
        && m.contains("simulated: no client session cache")), messages.toString());
    assertEquals(List.of(CA_1.certificate()), trusted(tls));
    assertEquals(0, listened.get());
  }

  private static SSLContext tlsContext() {
    try {
      return SSLContext.getInstance("TLS");
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }

  /** {@code real}, except that asking for its client session cache fails. */
  private static SSLContext withoutSessionCache(SSLContext real) {
    SSLContextSpi spi = new SSLContextSpi() {
      @Override
      protected void engineInit(KeyManager[] km, TrustManager[] tm, SecureRandom random)
          throws KeyManagementException {
        real.init(km, tm, random);
      }

      @Override
      protected SSLSocketFactory engineGetSocketFactory() {
        return real.getSocketFactory();
      }

      @Override
      protected SSLServerSocketFactory engineGetServerSocketFactory() {
        return real.getServerSocketFactory();
      }

      @Override
      protected SSLEngine engineCreateSSLEngine() {
        return real.createSSLEngine();
      }

      @Override
      protected SSLEngine engineCreateSSLEngine(String host, int port) {
        return real.createSSLEngine(host, port);
      }

      @Override
      protected SSLSessionContext engineGetServerSessionContext() {
        return real.getServerSessionContext();
      }

      @Override
      protected SSLSessionContext engineGetClientSessionContext() {
        throw new IllegalStateException("simulated: no client session cache");
      }
    };
    return new SSLContext(spi, real.getProvider(), real.getProtocol()) { };
  }

  @Test
  void close_stopsTheThread() throws Exception {
    Path file = Files.writeString(dir.resolve("ca.pem"), "one");
    MaterialWatcher watcher = new MaterialWatcher(List.of(file), Duration.ofMillis(100), () -> { });
    assertTrue(watcher.isRunning());
    watcher.close();
    assertFalse(watcher.isRunning());
    watcher.close();
  }

  @Test
  void reloading_brokenWriteThenFixed_reloadsWithFixedFile() throws Exception {
    TestCertificate ca1 = TestCertificate.newRootCa("Watcher CA 1");
    TestCertificate ca2 = TestCertificate.newRootCa("Watcher CA 2");
    Path ca = ca1.writeCertificatePem(dir.resolve("ca.pem"));
    CountDownLatch reloaded = new CountDownLatch(1);
    try (TlsConfig tls = TlsConfig.builder().trust(TrustMaterial.pem(ca)).reloading(Duration.ofMillis(100))
        .addReloadListener(config -> reloaded.countDown()).build()) {
      String pem = ca2.certificatePem();
      Files.writeString(ca, pem.substring(0, pem.length() / 2)); // Half written: must not be swapped in.
      Files.writeString(ca, pem);
      assertTrue(reloaded.await(60, TimeUnit.SECONDS), "the watcher did not reload the completed file");
      assertTrue(List.of(tls.trustManager().getAcceptedIssuers()).contains(ca2.certificate()));
      assertFalse(List.of(tls.trustManager().getAcceptedIssuers()).contains(ca1.certificate()));
    }
  }

  /**
   * A trust file on another file system than the default one (a zip file here): the watcher watches with that file
   * system's own watch service, or polls when it has none (zipfs), instead of failing to register its directory
   * with the default one at every turn (ProviderMismatchException in a loop that never waited).
   */
  @Test
  void reloading_trustFileOnZipFileSystem_pollsWithoutErrorsAndLoadsTheRewrite() throws Exception {
    try (FileSystem zip = FileSystems.newFileSystem(dir.resolve("trust.zip"), Map.of("create", "true"))) {
      Path ca = CA_1.writeCertificatePem(zip.getPath("/ca.pem"));
      CountDownLatch reloaded = new CountDownLatch(1);
      try (LogCapture.Counter problems = LogCapture.counting();
          TlsConfig tls = TlsConfig.builder().trust(TrustMaterial.pem(ca)).reloading(Duration.ofMillis(100))
              .addReloadListener(config -> reloaded.countDown()).build()) {
        Files.writeString(ca, CA_2.certificatePem());
        assertTrue(reloaded.await(30, TimeUnit.SECONDS), "the rewrite in the zip file system was not loaded");
        assertEquals(List.of(CA_2.certificate()), trusted(tls));
        assertEquals(0, problems.count(), "warnings or errors logged while watching a zip file system");
      }
    }
  }

  /**
   * A failure that comes back at every turn (here: a file of a closed file system, ClosedFileSystemException) is
   * logged once per interval: the watcher waits the interval after a failure instead of retrying at once.
   */
  @Test
  void watcher_failureAtEveryTurn_waitsTheIntervalBeforeTryingAgain() throws Exception {
    Path local = Files.writeString(dir.resolve("ca.pem"), "one");
    FileSystem zip = FileSystems.newFileSystem(dir.resolve("gone.zip"), Map.of("create", "true"));
    Path gone = Files.writeString(zip.getPath("/key.pem"), "two");
    zip.close();
    try (LogCapture.Counter problems = LogCapture.counting();
        MaterialWatcher watcher = new MaterialWatcher(List.of(local, gone), Duration.ofHours(1), () -> { })) {
      assertTrue(problems.awaitFirst(30), "the failure was not logged");
      Thread.sleep(500); // Long enough for a watcher that does not wait to fail thousands of times.
      assertEquals(1, problems.count(), "the watcher retried without waiting for the interval");
      assertTrue(watcher.isRunning());
    }
  }
}
