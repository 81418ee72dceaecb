package dev.secureinflux.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.security.cert.CertificateExpiredException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Three servers at once under one CA: a valid certificate, one that expires in ten days, one that expired
 * yesterday ({@code influxd} starts and serves it all the same).
 */
class InfluxServerCertificatesIT {
  private static final Instant NOW = Instant.now();
  private static final TestCertificate SHARED_CA = TestCertificate.newRootCa("Shared Test CA");
  private static InfluxServer valid;
  private static InfluxServer expiring;
  private static InfluxServer expired;

  @BeforeAll
  static void startThree() {
    valid = InfluxServer.builder().ca(SHARED_CA).start();
    expiring = InfluxServer.builder().ca(SHARED_CA)
        .serverCertificateValidity(NOW.minus(Duration.ofHours(1)), NOW.plus(Duration.ofDays(10))).start();
    expired = InfluxServer.builder().ca(SHARED_CA)
        .serverCertificateValidity(NOW.minus(Duration.ofDays(30)), NOW.minus(Duration.ofDays(1))).start();
  }

  @AfterAll
  static void closeThree() {
    for (InfluxServer server : new InfluxServer[] {valid, expiring, expired}) {
      if (server != null) {
        server.close();
      }
    }
  }

  private static HttpResponse<Void> ping(InfluxServer server) throws Exception {
    HttpClient client = HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .proxy(HttpClient.Builder.NO_PROXY)
        .sslContext(TestTls.clientContext(SHARED_CA))
        .build();
    return client.send(HttpRequest.newBuilder(URI.create(server.url() + "/ping")).build(),
        HttpResponse.BodyHandlers.discarding());
  }

  @Test
  void threeServers_sharedCa_eachAnswersOnItsOwnPortAndDirectory() throws Exception {
    List<InfluxServer> all = List.of(valid, expiring, expired);
    Set<Integer> ports = new HashSet<>();
    Set<Object> dirs = new HashSet<>();
    for (InfluxServer server : all) {
      assertTrue(server.isRunning(), server.toString());
      assertEquals(SHARED_CA, server.ca());
      assertEquals(SHARED_CA.certificatePem(), Files.readString(server.caPem()));
      assertEquals(Set.of("127.0.0.1"), ListeningSockets.addresses(server.port()));
      ports.add(server.port());
      ports.add(server.rpcPort());
      dirs.add(server.tempDir());
      assertTrue(server.query("SHOW USERS").contains("[\"admin\",true]")); // the testkit's own channel: all three
    }
    assertEquals(6, ports.size(), "ports shared: " + ports);
    assertEquals(3, dirs.size(), "directories shared: " + dirs);
    assertEquals(204, ping(valid).statusCode());
    assertEquals(204, ping(expiring).statusCode());
  }

  @Test
  void serverCertificateValidity_tenDays_presentedCertificateExpiresThen() throws Exception {
    HttpResponse<Void> response = ping(expiring);
    X509Certificate presented = (X509Certificate) response.sslSession().orElseThrow().getPeerCertificates()[0];
    assertEquals(expiring.serverCertificate().certificate(), presented);
    Instant notAfter = presented.getNotAfter().toInstant();
    assertTrue(notAfter.isAfter(NOW.plus(Duration.ofDays(10)).minusSeconds(2))
        && notAfter.isBefore(NOW.plus(Duration.ofDays(10)).plusSeconds(2)), "notAfter " + notAfter);
    assertTrue(presented.getSubjectAlternativeNames().toString().contains("localhost"));
  }

  @Test
  void serverCertificateValidity_expiredYesterday_influxdServesItAndPkixRefusesIt() {
    X509Certificate certificate = expired.serverCertificate().certificate();
    assertTrue(certificate.getNotAfter().toInstant().isBefore(NOW));
    SSLHandshakeException e = assertThrows(SSLHandshakeException.class, () -> ping(expired));
    List<Throwable> chain = new ArrayList<>();
    for (Throwable t = e; t != null; t = t.getCause()) {
      chain.add(t);
    }
    assertTrue(chain.stream().anyMatch(CertificateExpiredException.class::isInstance), "no expiry in " + chain);
  }
}
