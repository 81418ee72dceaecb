package dev.secureinflux.tls;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.secureinflux.testkit.TestCertificate;
import dev.secureinflux.tls.internal.MaterialWatcher;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The file watcher: a rewritten file is noticed, a broken write is retried when fixed, close() stops it. */
class ReloadWatcherTest {
  @TempDir
  Path dir;

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
}
