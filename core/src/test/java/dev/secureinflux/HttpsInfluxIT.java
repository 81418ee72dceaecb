package dev.secureinflux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.secureinflux.auth.AuthenticationException;
import dev.secureinflux.auth.Credentials;
import dev.secureinflux.testkit.InfluxServer;
import dev.secureinflux.testkit.InfluxServerExtension;
import dev.secureinflux.testkit.TestCertificate;
import dev.secureinflux.tls.CertificateRejectedException;
import dev.secureinflux.tls.TrustMaterial;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.influxdb.BatchOptions;
import org.influxdb.InfluxDB;
import org.influxdb.dto.BatchPoints;
import org.influxdb.dto.Point;
import org.influxdb.dto.Query;
import org.influxdb.dto.QueryResult;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The secured client against a real influxd with HTTPS and auth on, on loopback. */
class HttpsInfluxIT {
  @RegisterExtension
  static final InfluxServerExtension INFLUX = InfluxServerExtension.https();

  private final Tripwire tripwire = new Tripwire();

  @AfterEach
  void noTrips() {
    assertEquals(List.of(), tripwire.trips, "tripwire: non-loopback name or address used");
  }

  private SecureInflux.Builder admin() {
    InfluxServer server = INFLUX.server();
    return SecureInflux.builder().url(server.url())
        .credentials(Credentials.basic(server.adminUser(), server.adminPassword()))
        .trust(TrustMaterial.pem(server.caPem())).okHttpClient(tripwire.okHttp());
  }

  private static long count(InfluxDB db, String database, String measurement) {
    QueryResult result = db.query(new Query("SELECT count(v) FROM " + measurement, database));
    assertFalse(result.hasError(), String.valueOf(result.getError()));
    var series = result.getResults().get(0).getSeries();
    return series == null ? 0 : ((Number) series.get(0).getValues().get(0).get(1)).longValue();
  }

  @Test
  void writeAndQuery_basicCredentials_roundTrip() {
    try (InfluxDB db = admin().build()) {
      db.query(new Query("CREATE DATABASE basic_db"));
      db.write(BatchPoints.database("basic_db").point(Point.measurement("m").addField("v", 1.5).build())
          .point(Point.measurement("m").addField("v", 2.5).time(1, TimeUnit.SECONDS).build()).build());
      assertEquals(2, count(db, "basic_db", "m"));
      assertTrue(db.ping().isGood());
    }
  }

  @Test
  void ping_localhostWithTrailingDot_works() {
    try (InfluxDB db = admin().url("https://localhost.:" + INFLUX.server().port()).build()) {
      assertTrue(db.ping().isGood());
    }
  }

  @Test
  void ping_tlsReload_evictsPooledConnections() throws Exception {
    java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("reload");
    java.nio.file.Path ca = dir.resolve("ca.pem");
    java.util.concurrent.atomic.AtomicInteger connects = tripwire.connects; // Event listeners are refused.
    try {
      java.nio.file.Files.copy(INFLUX.server().caPem(), ca, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      try (InfluxDB db = admin().trust(TrustMaterial.pem(ca)).reloading(Duration.ofMillis(200))
          .build()) {
        assertTrue(db.ping().isGood());
        assertTrue(db.ping().isGood());
        assertEquals(1, connects.get(), "one pooled connection before the reload");
        // Same CA plus a second, unrelated one: new content, still trusting the server.
        java.nio.file.Path next = ca.resolveSibling(ca.getFileName() + ".next");
        java.nio.file.Files.writeString(next, INFLUX.server().ca().certificatePem()
            + TestCertificate.newRootCa("Extra").certificatePem());
        java.nio.file.Files.move(next, ca, java.nio.file.StandardCopyOption.ATOMIC_MOVE); // As deployments rotate.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (connects.get() < 2 && System.nanoTime() < deadline) {
          assertTrue(db.ping().isGood());
          Thread.sleep(50);
        }
        assertEquals(2, connects.get(), "the reload evicted the pooled connection");
      }
    } finally {
      java.nio.file.Files.deleteIfExists(ca);
      java.nio.file.Files.deleteIfExists(dir);
    }
  }

  @Test
  void writeAndQuery_jwtCredentials_roundTrip() {
    InfluxServer server = INFLUX.server();
    try (InfluxDB db = admin().credentials(Credentials.jwt(server.adminUser(), server.sharedSecret(),
        Duration.ofMinutes(1))).build()) {
      db.query(new Query("CREATE DATABASE jwt_db"));
      db.write("jwt_db", "autogen", Point.measurement("m").addField("v", 1).build());
      assertEquals(1, count(db, "jwt_db", "m"));
    }
  }

  @Test
  void query_wrongPassword_authenticationExceptionWithoutSecret() {
    String wrong = "not-the-Password-42";
    try (InfluxDB db = admin().credentials(Credentials.basic(INFLUX.server().adminUser(), wrong.toCharArray()))
        .build()) {
      AuthenticationException e = assertThrows(AuthenticationException.class,
          () -> db.query(new Query("SHOW DATABASES")));
      assertTrue(e.getMessage().contains(INFLUX.server().adminUser()), e.getMessage());
      assertFalse(e.getMessage().contains(wrong), e.getMessage());
    }
  }

  @Test
  void ping_defaultSystemTrust_refusesTestCa() {
    InfluxServer server = INFLUX.server();
    try (InfluxDB db = SecureInflux.builder().url(server.url())
        .credentials(Credentials.basic(server.adminUser(), server.adminPassword()))
        .okHttpClient(tripwire.okHttp()).build()) {
      RuntimeException e = assertThrows(RuntimeException.class, db::ping);
      assertTrue(causes(e).contains("SSLHandshakeException"), causes(e));
    }
  }

  @Test
  void ping_certificateNotCoveringUrlHost_refusedAsHostnameMismatchAndNothingWritten() {
    // A server certificate from a trusted CA whose SANs (other.test, localhost) do not cover the URL's host
    // 127.0.0.1 (no IP SAN). "localhost" must stay in it: the testkit's own admin client connects to that name.
    TestCertificate ca = TestCertificate.newRootCa("Mismatch CA");
    TestCertificate cert = TestCertificate.builder().issuer(ca).commonName("127.0.0.1").addDnsSan("other.test")
        .addDnsSan("localhost").serverAuth().build();
    try (InfluxServer server = InfluxServer.builder().serverCertificate(cert, ca).start()) {
      server.query("CREATE DATABASE mismatch_db");
      try (InfluxDB db = SecureInflux.builder().url("https://127.0.0.1:" + server.port())
          .credentials(Credentials.basic(server.adminUser(), server.adminPassword()))
          .trust(TrustMaterial.certificates(ca.certificate())).okHttpClient(tripwire.okHttp()).build()) {
        RuntimeException ping = assertThrows(RuntimeException.class, db::ping);
        assertHostnameMismatch(ping);
        RuntimeException write = assertThrows(RuntimeException.class,
            () -> db.write("mismatch_db", "autogen", Point.measurement("m").addField("v", 1).build()));
        assertHostnameMismatch(write);
      }
      String result = server.query("mismatch_db", "SELECT count(v) FROM m");
      assertFalse(result.contains("\"series\""), "nothing was written: " + result);
      // Control: the same server and trust work under a name the certificate covers.
      try (InfluxDB db = SecureInflux.builder().url(server.url())
          .credentials(Credentials.basic(server.adminUser(), server.adminPassword()))
          .trust(TrustMaterial.certificates(ca.certificate())).okHttpClient(tripwire.okHttp()).build()) {
        assertTrue(db.ping().isGood());
      }
    }
  }

  private static void assertHostnameMismatch(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof CertificateRejectedException) {
        assertEquals(CertificateRejectedException.Reason.HOSTNAME_MISMATCH,
            ((CertificateRejectedException) t).reason(), causes(e));
        assertTrue(t.getMessage().contains("127.0.0.1"), t.getMessage());
        return;
      }
    }
    throw new AssertionError("no CertificateRejectedException in the cause chain: " + causes(e), e);
  }

  @Test
  void ping_matchingPin_worksAndWrongPinRefused() throws Exception {
    InfluxServer server = INFLUX.server();
    byte[] spki = server.serverCertificate().certificate().getPublicKey().getEncoded();
    String pin = "sha256/" + Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(spki));
    try (InfluxDB db = admin().pin(pin).build()) {
      assertTrue(db.ping().isGood());
    }
    TestCertificate stranger = TestCertificate.newRootCa("Stranger");
    byte[] other = stranger.certificate().getPublicKey().getEncoded();
    String wrongPin = "sha256/" + Base64.getEncoder().encodeToString(
        MessageDigest.getInstance("SHA-256").digest(other));
    try (InfluxDB db = admin().pin(wrongPin).build()) {
      RuntimeException e = assertThrows(RuntimeException.class, db::ping);
      assertTrue(causes(e).contains("pin"), causes(e));
    }
  }

  @Test
  void query_passwordStatements_workThroughPost() {
    try (InfluxDB db = admin().build()) {
      db.query(new Query("CREATE USER \"pw_user\" WITH PASSWORD 'first-Secret-1'"));
      db.query(new Query("SET PASSWORD FOR \"pw_user\" = 'second-Secret-2'"));
      db.query(new Query("CREATE DATABASE pw_db"));
      db.query(new Query("GRANT READ ON \"pw_db\" TO \"pw_user\""));
    }
    try (InfluxDB user = admin().credentials(Credentials.basic("pw_user", "second-Secret-2".toCharArray()))
        .build()) {
      assertFalse(user.query(new Query("SHOW MEASUREMENTS", "pw_db")).hasError());
    }
  }

  @Test
  void features_batchGzipChunkedAndMsgpack_workThroughSecuredClient() throws Exception {
    try (InfluxDB db = admin().build()) {
      db.query(new Query("CREATE DATABASE feat_db"));
      db.setDatabase("feat_db").enableGzip();
      // No automatic flush before flush(): influxdb-java's own flushes run async, flush() does not wait for them.
      db.enableBatch(BatchOptions.DEFAULTS.actions(1000).flushDuration(600_000));
      for (int i = 0; i < 120; i++) {
        db.write(Point.measurement("batch").addField("v", i).time(i, TimeUnit.MILLISECONDS).build());
      }
      db.flush();
      db.disableBatch();
      assertTrue(db.isGzipEnabled());
      assertEquals(120, count(db, "feat_db", "batch"));

      List<QueryResult> chunks = new ArrayList<>();
      CountDownLatch done = new CountDownLatch(1);
      java.util.function.Consumer<QueryResult> onChunk = chunks::add;
      db.query(new Query("SELECT v FROM batch", "feat_db"), 25, onChunk, done::countDown);
      assertTrue(done.await(60, TimeUnit.SECONDS), "chunked query did not complete");
      long rows = chunks.stream().filter(c -> c.getResults() != null)
          .flatMap(c -> c.getResults().stream()).filter(r -> r.getSeries() != null)
          .mapToLong(r -> r.getSeries().get(0).getValues().size()).sum();
      assertEquals(120, rows);
      assertTrue(chunks.size() >= 5, "chunks: " + chunks.size());
    }
    try (InfluxDB msgpack = admin().responseFormat(InfluxDB.ResponseFormat.MSGPACK).build()) {
      QueryResult result = msgpack.query(new Query("SELECT count(v) FROM batch", "feat_db"));
      assertEquals(120L, ((Number) result.getResults().get(0).getSeries().get(0).getValues().get(0).get(1))
          .longValue());
    }
  }

  @Test
  void writeUdp_httpsNonLoopbackHostName_refused() {
    // https to a reserved remote name: build() connects nothing; the UDP write is refused before any packet.
    try (InfluxDB db = SecureInflux.builder().url("https://influx.example.com:8086")
        .credentials(Credentials.basic("app", "pw-Secret-1".toCharArray()))
        .trust(TrustMaterial.pem(INFLUX.server().caPem())).okHttpClient(tripwire.okHttp()).build()) {
      assertThrows(UdpRefusedException.class, () -> db.write(8089, "m v=1"));
    }
  }

  static String causes(Throwable e) {
    StringBuilder sb = new StringBuilder();
    for (Throwable t = e; t != null; t = t.getCause()) {
      sb.append(t.getClass().getSimpleName()).append(": ").append(t.getMessage()).append(" <- ");
    }
    return sb.toString();
  }
}
