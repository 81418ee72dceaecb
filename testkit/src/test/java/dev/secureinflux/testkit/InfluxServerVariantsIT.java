package dev.secureinflux.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import dev.secureinflux.testkit.internal.FreePorts;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Servers started and stopped inside each test: lifecycle, the weaker variants, and start failures. */
class InfluxServerVariantsIT {
  private static final HttpClient PLAIN = HttpClient.newBuilder()
      .version(HttpClient.Version.HTTP_1_1)
      .proxy(HttpClient.Builder.NO_PROXY)
      .build();

  private static HttpResponse<String> query(String url, String statement) throws Exception {
    return PLAIN.send(HttpRequest.newBuilder(URI.create(url + "/query"))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString("q=" + URLEncoder.encode(statement, StandardCharsets.UTF_8)))
        .build(), HttpResponse.BodyHandlers.ofString());
  }

  private static Path script(Path dir, String body) throws Exception {
    Path file = dir.resolve("fake-influxd");
    Files.writeString(file, "#!/bin/sh\n" + body + "\n");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwx------"));
    return file;
  }

  @Test
  void close_running_leavesNoProcessAndNoDirectory() {
    InfluxServer server = InfluxServer.start();
    long pid = server.pid();
    Path dir = server.tempDir();
    assertTrue(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false));
    assertTrue(Files.isDirectory(dir));
    assertTrue(server.isRunning());

    server.close();

    assertFalse(server.isRunning());
    Optional<ProcessHandle> after = ProcessHandle.of(pid);
    assertFalse(after.isPresent() && after.get().isAlive(), "influxd pid " + pid + " still alive");
    assertFalse(Files.exists(dir), dir + " still exists");
    server.close(); // idempotent
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> server.query("SHOW DATABASES"));
    assertTrue(e.getMessage().contains("closed"), e.getMessage());
  }

  @Test
  void start_httpsOff_servesPlainHttpOnLoopbackWithAuth() throws Exception {
    try (InfluxServer server = InfluxServer.builder().https(false).start()) {
      assertEquals("http://127.0.0.1:" + server.port(), server.url());
      assertEquals(204, PLAIN.send(HttpRequest.newBuilder(URI.create(server.url() + "/ping")).build(),
          HttpResponse.BodyHandlers.discarding()).statusCode());
      assertEquals(401, query(server.url(), "SHOW DATABASES").statusCode());
      assertTrue(server.query("SHOW USERS").contains("admin"));
      IllegalStateException e = assertThrows(IllegalStateException.class, server::ca);
      assertTrue(e.getMessage().contains("https(false)"), e.getMessage());
    }
  }

  @Test
  void start_authOff_acceptsUnauthenticatedQueries() throws Exception {
    try (InfluxServer server = InfluxServer.builder().https(false).auth(false).start()) {
      HttpResponse<String> response = query(server.url(), "SHOW DATABASES");
      assertEquals(200, response.statusCode());
      assertTrue(Files.readString(server.configFile()).contains("auth-enabled = false"));
    }
  }

  @Test
  void start_givenServerCertificateAndSecret_usesThem() throws Exception {
    TestCertificate root = TestCertificate.newRootCa("Given Root");
    TestCertificate intermediate = TestCertificate.builder().issuer(root).commonName("Given Intermediate").ca().build();
    TestCertificate leaf = TestCertificate.builder().issuer(intermediate).localhostServer().build();
    char[] secret = "given-shared-secret-of-at-least-32-chars".toCharArray();
    try (InfluxServer server = InfluxServer.builder().serverCertificate(leaf, root).sharedSecret(secret).start()) {
      assertEquals(root, server.ca());
      assertEquals(leaf, server.serverCertificate());
      assertEquals(new String(secret), new String(server.sharedSecret()));
      HttpClient client = HttpClient.newBuilder().proxy(HttpClient.Builder.NO_PROXY)
          .sslContext(TestTls.clientContext(root)).build();
      assertEquals(204, client.send(HttpRequest.newBuilder(URI.create(server.url() + "/ping")).build(),
          HttpResponse.BodyHandlers.discarding()).statusCode());
    }
  }

  @Test
  void serverCertificate_notIssuedByCa_throws() {
    TestCertificate root = TestCertificate.newRootCa("Root A");
    TestCertificate leaf = TestCertificate.builder().issuer(root).localhostServer().build();
    TestCertificate other = TestCertificate.newRootCa("Root B");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> InfluxServer.builder().serverCertificate(leaf, other));
    assertTrue(e.getMessage().contains("was not issued under ca"), e.getMessage());
    assertTrue(e.getMessage().contains("Root B"), e.getMessage());
  }

  @Test
  void start_missingExecutable_namesDebianPackage(@TempDir Path dir) {
    ExecutableNotFoundException e = assertThrows(ExecutableNotFoundException.class,
        () -> InfluxServer.builder().executable(dir.resolve("influxd")).start());
    assertTrue(e.getMessage().contains(dir.resolve("influxd").toString()), e.getMessage());
    assertTrue(e.getMessage().contains("apt-get install influxdb"), e.getMessage());
  }

  @Test
  void start_processDies_throwsWithLogTail(@TempDir Path dir) throws Exception {
    Path fake = script(dir, "echo 'run: open server: fake failure for the test' >&2\nexit 3");
    ServerStartException e = assertThrows(ServerStartException.class,
        () -> InfluxServer.builder().executable(fake).start());
    assertTrue(e.getMessage().contains("exited before GET https://localhost:"), e.getMessage());
    assertTrue(e.getMessage().contains("fake failure for the test"), e.getMessage());
    assertTrue(e.getMessage().contains("exited 3"), e.getMessage());
  }

  @Test
  void start_portAlwaysTaken_retriesThenThrows(@TempDir Path dir) throws Exception {
    Path fake = script(dir, "echo \"$$\" >> " + dir.resolve("runs") + "\n"
        + "echo 'listen tcp 127.0.0.1:1: bind: address already in use' >&2\nexit 1");
    ServerStartException e = assertThrows(ServerStartException.class,
        () -> InfluxServer.builder().executable(fake).start());
    assertTrue(e.getMessage().contains("could not bind free ports on 127.0.0.1 in 5 attempts"), e.getMessage());
    assertEquals(5, Files.readAllLines(dir.resolve("runs")).size());
  }

  @Test
  void start_neverReady_timesOutAndStopsProcess(@TempDir Path dir) throws Exception {
    Path fake = script(dir, "echo \"$$\" > " + dir.resolve("pid") + "\nexec sleep 60");
    ServerStartException e = assertThrows(ServerStartException.class,
        () -> InfluxServer.builder().executable(fake).startTimeout(Duration.ofSeconds(1)).start());
    assertTrue(e.getMessage().contains("did not answer 204 within 1 s"), e.getMessage());
    long pid = Long.parseLong(Files.readString(dir.resolve("pid")).trim());
    Optional<ProcessHandle> after = ProcessHandle.of(pid);
    assertFalse(after.isPresent() && after.get().isAlive(), "fake influxd pid " + pid + " still alive");
  }

  @Test
  void startTimeout_zero_throws() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> InfluxServer.builder().startTimeout(Duration.ZERO));
    assertTrue(e.getMessage().contains("startTimeout must be positive"), e.getMessage());
  }

  @Test
  void port_fixed_listensThere() throws Exception {
    int port = FreePorts.pick();
    try (InfluxServer server = InfluxServer.builder().https(false).port(port).start()) {
      assertEquals(port, server.port());
      assertEquals("http://127.0.0.1:" + port, server.url());
      assertEquals(204, PLAIN.send(HttpRequest.newBuilder(URI.create(server.url() + "/ping")).build(),
          HttpResponse.BodyHandlers.discarding()).statusCode());
    }
  }

  @Test
  void port_taken_throwsNamingPortWithoutRetrying() throws Exception {
    try (ServerSocket squatter = new ServerSocket()) {
      squatter.bind(new InetSocketAddress(InetAddress.getByAddress(new byte[] {127, 0, 0, 1}), 0));
      int port = squatter.getLocalPort();
      ServerStartException e = assertThrows(ServerStartException.class,
          () -> InfluxServer.builder().https(false).port(port).start());
      assertTrue(e.getMessage().startsWith("influxd could not bind 127.0.0.1:" + port + " (Builder.port(" + port
          + ")): another process holds it"), e.getMessage());
      assertTrue(e.getMessage().contains("address already in use"), e.getMessage());
    }
  }

  @Test
  void port_outOfRange_throws() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> InfluxServer.builder().port(65536));
    assertEquals("port must be 0 (any free port) or 1..65535: 65536", e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> InfluxServer.builder().port(-1));
  }

  @Test
  void start_givenExpiredServerCertificate_startsAndAnswersItsOwnChannel() {
    TestCertificate root = TestCertificate.newRootCa("Expired Leaf Root");
    Instant now = Instant.now();
    TestCertificate leaf = TestCertificate.builder().issuer(root).localhostServer()
        .validity(now.minus(Duration.ofDays(30)), now.minus(Duration.ofDays(1))).build();
    try (InfluxServer server = InfluxServer.builder().serverCertificate(leaf, root)
        .startTimeout(Duration.ofSeconds(10)).start()) {
      assertTrue(server.isRunning());
      assertTrue(server.query("SHOW USERS").contains("[\"admin\",true]"));
    }
  }

  @Test
  void start_givenServerCertificateWithoutSan_startsAndAnswersItsOwnChannel() {
    TestCertificate root = TestCertificate.newRootCa("No SAN Root");
    TestCertificate leaf = TestCertificate.builder().issuer(root).commonName("localhost").serverAuth().build();
    try (InfluxServer server = InfluxServer.builder().serverCertificate(leaf, root)
        .startTimeout(Duration.ofSeconds(10)).start()) {
      assertTrue(server.query("SHOW USERS").contains("[\"admin\",true]"));
    }
  }

  @Test
  void serverCertificateValidity_notAfterBeforeNotBefore_throws() {
    Instant now = Instant.parse("2030-01-01T00:00:00Z");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> InfluxServer.builder().serverCertificateValidity(now, now));
    assertEquals("serverCertificateValidity: notAfter 2030-01-01T00:00:00Z must be after notBefore "
        + "2030-01-01T00:00:00Z", e.getMessage());
  }

  @Test
  void ca_leafCertificate_throws() {
    TestCertificate root = TestCertificate.newRootCa("Root C");
    TestCertificate leaf = TestCertificate.builder().issuer(root).localhostServer().build();
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> InfluxServer.builder().ca(leaf));
    assertEquals("ca CN=localhost, O=secureinflux tests is not a CA certificate: build it with "
        + "TestCertificate.builder().ca()", e.getMessage());
  }

  @Test
  void start_serverCertificateAndCa_throwsNamingBoth() {
    TestCertificate root = TestCertificate.newRootCa("Root D");
    TestCertificate leaf = TestCertificate.builder().issuer(root).localhostServer().build();
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> InfluxServer.builder().serverCertificate(leaf, root).ca(root).start());
    assertEquals("serverCertificate() and ca() cannot be used together: ca() configures the generated "
        + "certificate, serverCertificate() replaces it", e.getMessage());
  }

  @Test
  void start_httpsOffWithCertificateValidity_throws() {
    Instant now = Instant.now();
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> InfluxServer.builder().https(false)
        .serverCertificateValidity(now, now.plus(Duration.ofDays(1))).start());
    assertEquals("serverCertificateValidity() and https(false) cannot be used together", e.getMessage());
  }
}
