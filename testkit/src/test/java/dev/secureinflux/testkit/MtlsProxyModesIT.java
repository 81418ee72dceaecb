package dev.secureinflux.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The proxy's variants in front of one InfluxServer: client certificate optional or not asked, a relay-like
 * allow-list, the access log, certificate reload, and an upstream given by URL.
 */
class MtlsProxyModesIT {
  @RegisterExtension
  static final InfluxServerExtension INFLUX = InfluxServerExtension.https();

  private static MtlsProxy required;
  private static MtlsProxy optional;
  private static MtlsProxy none;
  private static MtlsProxy relay;

  @BeforeAll
  static void startProxies() {
    InfluxServer server = INFLUX.server();
    server.query("CREATE DATABASE relayed");
    required = MtlsProxy.start(server);
    optional = MtlsProxy.builder().upstream(server).clientAuth(MtlsProxy.ClientAuth.OPTIONAL).start();
    none = MtlsProxy.builder().upstream(server).clientAuth(MtlsProxy.ClientAuth.NONE).start();
    relay = MtlsProxy.builder().upstream(server).allowPaths("/write").start();
  }

  @AfterAll
  static void closeProxies() {
    for (MtlsProxy proxy : new MtlsProxy[] {required, optional, none, relay}) {
      if (proxy != null) {
        proxy.close();
      }
    }
  }

  private static HttpClient client(SSLContext tls) {
    return HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .proxy(HttpClient.Builder.NO_PROXY)
        .sslContext(tls)
        .build();
  }

  private static HttpClient withCertificate(MtlsProxy proxy, TestCertificate client) {
    return client(TestTls.clientContext(proxy.serverCa(), client));
  }

  private static HttpClient withoutCertificate(MtlsProxy proxy) {
    return client(TestTls.clientContext(proxy.serverCa()));
  }

  private static HttpResponse<String> get(HttpClient client, String url) throws Exception {
    return client.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private static String adminAuthorization() {
    InfluxServer server = INFLUX.server();
    return "Basic " + Base64.getEncoder().encodeToString(
        (server.adminUser() + ":" + new String(server.adminPassword())).getBytes(StandardCharsets.UTF_8));
  }

  private static HttpResponse<String> post(HttpClient client, String url, String body) throws Exception {
    return client.send(HttpRequest.newBuilder(URI.create(url))
        .header("Authorization", adminAuthorization())
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
  }

  /** nginx logs a request just after answering it: poll (at most 10 s) until {@code count} lines are there. */
  private static List<AccessLogEntry> awaitLog(MtlsProxy proxy, int count) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    List<AccessLogEntry> entries = proxy.accessLog();
    while (entries.size() < count) {
      if (System.nanoTime() - deadline > 0) {
        fail("gave up waiting (10 s) for " + count + " access log lines: " + entries);
      }
      Thread.sleep(20);
      entries = proxy.accessLog();
    }
    return entries;
  }

  // ClientAuth.OPTIONAL and NONE

  @Test
  void optional_withoutCertificate_passesThrough204() throws Exception {
    assertEquals(MtlsProxy.ClientAuth.OPTIONAL, optional.clientAuth());
    assertEquals(204, get(withoutCertificate(optional), optional.url() + "/ping").statusCode());
    assertTrue(Files.readString(optional.configFile()).contains("ssl_verify_client optional;"));
  }

  @Test
  void optional_certificateFromClientCa_passesThrough204() throws Exception {
    TestCertificate app = optional.newClientCertificate("optional app");
    assertEquals(204, get(withCertificate(optional, app), optional.url() + "/ping").statusCode());
  }

  @Test
  void optional_certificateFromOtherCa_refused400() throws Exception {
    TestCertificate otherCa = TestCertificate.newRootCa("Other Client CA");
    TestCertificate stranger = TestCertificate.builder().issuer(otherCa).commonName("stranger").clientAuth().build();
    HttpResponse<String> response = get(withCertificate(optional, stranger), optional.url() + "/ping");
    assertEquals(400, response.statusCode());
    assertTrue(response.body().contains("The SSL certificate error"), response.body());
  }

  @Test
  void none_withoutCertificate_passesThroughAndNeverAsksForOne() throws Exception {
    String config = Files.readString(none.configFile());
    assertTrue(config.contains("ssl_verify_client off;"), config);
    assertFalse(config.contains("ssl_client_certificate"), config);
    assertEquals(204, get(withoutCertificate(none), none.url() + "/ping").statusCode());
    // A client ready to present a certificate sends none, because nginx never asks.
    assertEquals(204, get(withCertificate(none, none.newClientCertificate("unasked")), none.url() + "/ping")
        .statusCode());
    List<AccessLogEntry> log = awaitLog(none, 2);
    assertEquals("NONE", log.get(1).clientVerify(), log.toString());
    assertEquals("", log.get(1).clientSubject(), log.toString());
  }

  // allowPaths: relay-like

  @Test
  void relay_write_forwarded204() throws Exception {
    HttpClient client = withCertificate(relay, relay.newClientCertificate("writer"));
    HttpResponse<String> response = post(client, relay.url() + "/write?db=relayed", "m value=1 1000000000");
    assertEquals(204, response.statusCode(), response.body());
    assertTrue(INFLUX.server().query("relayed", "SELECT value FROM m").contains("[\"1970-01-01T00:00:01Z\",1]"));
    assertEquals(204, get(client, relay.url() + "/ping").statusCode());
  }

  @Test
  void relay_query_refused404NeverForwarded() throws Exception {
    HttpClient client = withCertificate(relay, relay.newClientCertificate("reader"));
    HttpResponse<String> response = post(client, relay.url() + "/query",
        "q=" + URLEncoder.encode("DROP DATABASE relayed", StandardCharsets.UTF_8));
    assertEquals(404, response.statusCode());
    assertEquals("{\"error\":\"not found: this proxy forwards only /ping and /write\"}", response.body());
    assertEquals("application/json", response.headers().firstValue("Content-Type").orElse(""));
    assertTrue(INFLUX.server().query("SHOW DATABASES").contains("relayed"), "the DROP reached influxd");
    assertEquals(404, get(client, relay.url() + "/debug/vars").statusCode());
    assertEquals(404, get(client, relay.url() + "/writes").statusCode());
  }

  @Test
  void allowPaths_unsafePath_throws() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> MtlsProxy.builder().allowPaths("/write", "/x'; return 200"));
    assertEquals("allowPaths: /x'; return 200 must start with / and hold only letters, digits and /_.-",
        e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> MtlsProxy.builder().allowPaths("write"));
  }

  // accessLog

  @Test
  void accessLog_requests_recordClientSubjectSerialAndStatusWithoutQueryString() throws Exception {
    TestCertificate app = required.newClientCertificate("logged app");
    HttpResponse<String> ok = get(withCertificate(required, app),
        required.url() + "/query?u=admin&p=query-string-secret&q=SHOW%20DATABASES");
    HttpResponse<String> refused = get(withoutCertificate(required), required.url() + "/ping");

    List<AccessLogEntry> log = awaitLog(required, 2);
    AccessLogEntry first = log.get(log.size() - 2);
    assertEquals("GET", first.method());
    assertEquals("/query", first.path());
    assertEquals(ok.statusCode(), first.status());
    assertEquals("SUCCESS", first.clientVerify());
    assertEquals("CN=logged app,O=secureinflux tests", first.clientSubject());
    assertEquals(app.certificate().getSerialNumber(), new java.math.BigInteger(first.clientSerial(), 16));
    assertTrue(first.presented(app), first.toString());
    assertFalse(first.presented(required.newClientCertificate("logged app")), first.toString());
    AccessLogEntry second = log.get(log.size() - 1);
    assertEquals(new AccessLogEntry("GET", "/ping", 400, "NONE", "", "", second.connection(), false), second);
    assertNotEquals(first.connection(), second.connection(), log.toString());
    assertEquals(400, refused.statusCode());
    assertFalse(Files.readString(required.tempDir().resolve("access.log")).contains("query-string-secret"));
  }

  @Test
  void accessLog_afterStart_leavesReadinessProbeOut() throws Exception {
    try (MtlsProxy fresh = MtlsProxy.start(INFLUX.server())) {
      assertEquals(List.of(), fresh.accessLog());
    }
  }

  // reloadServerCertificate

  @Test
  void reloadServerCertificate_sameCa_everyNewConnectionGetsNewCertificateOnSamePort() throws Exception {
    try (MtlsProxy proxy = MtlsProxy.start(INFLUX.server())) {
      int port = proxy.port();
      long pid = proxy.pid();
      TestCertificate client = proxy.newClientCertificate("after reload");
      for (int round = 1; round <= 5; round++) {
        TestCertificate renewed = TestCertificate.builder().issuer(proxy.serverCa()).localhostServer()
            .commonName("localhost renewed " + round).build();

        proxy.reloadServerCertificate(renewed);

        assertEquals(port, proxy.port());
        assertEquals(pid, proxy.pid());
        assertEquals(renewed, proxy.serverCertificate());
        for (int connection = 1; connection <= 5; connection++) { // a fresh client: a fresh connection
          HttpResponse<String> response = get(withCertificate(proxy, client), proxy.url() + "/ping");
          assertEquals(204, response.statusCode());
          assertEquals(renewed.certificate().getSubjectX500Principal(), ((java.security.cert.X509Certificate)
              response.sslSession().orElseThrow().getPeerCertificates()[0]).getSubjectX500Principal(),
              "round " + round + ", connection " + connection);
        }
      }
    }
  }

  @Test
  void reloadServerCertificate_newCa_rewritesServerCaPem() throws Exception {
    try (MtlsProxy proxy = MtlsProxy.start(INFLUX.server())) {
      TestCertificate newCa = TestCertificate.newRootCa("Rotated nginx CA");
      TestCertificate leaf = TestCertificate.builder().issuer(newCa).localhostServer().build();

      proxy.reloadServerCertificate(leaf, newCa);

      assertEquals(newCa, proxy.serverCa());
      assertEquals(newCa.certificatePem(), Files.readString(proxy.serverCaPem()));
      HttpClient client = client(TestTls.clientContext(newCa, proxy.newClientCertificate("rotated")));
      assertEquals(204, get(client, proxy.url() + "/ping").statusCode());
    }
  }

  @Test
  void reloadServerCertificate_notIssuedByCa_throwsAndKeepsServing() throws Exception {
    TestCertificate otherCa = TestCertificate.newRootCa("Unrelated CA");
    TestCertificate foreign = TestCertificate.builder().issuer(otherCa).localhostServer().build();
    TestCertificate before = required.serverCertificate();
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> required.reloadServerCertificate(foreign));
    assertTrue(e.getMessage().contains("was not issued under ca"), e.getMessage());
    assertEquals(before, required.serverCertificate());
  }

  // upstream(url)

  @Test
  void upstreamUrl_httpsInfluxServer_verifiedAndProxied() throws Exception {
    InfluxServer server = INFLUX.server();
    try (MtlsProxy proxy = MtlsProxy.builder().upstream(server.url(), server.ca()).start()) {
      assertEquals(server.url(), proxy.upstreamUrl());
      assertEquals(204, get(withCertificate(proxy, proxy.newClientCertificate("url")), proxy.url() + "/ping")
          .statusCode());
      IllegalStateException e = assertThrows(IllegalStateException.class, proxy::upstream);
      assertTrue(e.getMessage().endsWith("not to an InfluxServer; use upstreamUrl()"), e.getMessage());
    }
  }

  @Test
  void upstreamUrl_plainHttpLoopbackServer_proxiesAnyAnswer() throws Exception {
    HttpServer fake = HttpServer.create(new InetSocketAddress(InetAddress.getByAddress(new byte[] {127, 0, 0, 1}), 0),
        0);
    fake.createContext("/", exchange -> {
      byte[] body = ("fake upstream saw " + exchange.getRequestURI().getPath()).getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(418, body.length);
      exchange.getResponseBody().write(body);
      exchange.close();
    });
    fake.start();
    try (MtlsProxy proxy = MtlsProxy.builder().upstream("http://127.0.0.1:" + fake.getAddress().getPort())
        .clientAuth(MtlsProxy.ClientAuth.NONE).start()) {
      HttpResponse<String> response = get(withoutCertificate(proxy), proxy.url() + "/anything");
      assertEquals(418, response.statusCode());
      assertEquals("fake upstream saw /anything", response.body());
      assertTrue(proxy.toString().contains("-> http://127.0.0.1:" + fake.getAddress().getPort()), proxy.toString());
    } finally {
      fake.stop(0);
    }
  }

  @Test
  void upstreamUrl_notLoopback_throwsWithoutEchoingUserInfo() {
    IllegalArgumentException remote = assertThrows(IllegalArgumentException.class,
        () -> MtlsProxy.builder().upstream("http://influx.example.com:8086"));
    assertEquals("upstream url must be http://localhost:PORT or http://127.0.0.1:PORT (loopback only, no path, "
        + "user info, query or fragment): got scheme http, host influx.example.com, port 8086", remote.getMessage());
    IllegalArgumentException user = assertThrows(IllegalArgumentException.class,
        () -> MtlsProxy.builder().upstream("http://admin:url-secret@127.0.0.1:8086"));
    assertFalse(user.getMessage().contains("url-secret"), user.getMessage());
    assertTrue(user.getMessage().endsWith("and a path, user info, query or fragment"), user.getMessage());
    IllegalArgumentException scheme = assertThrows(IllegalArgumentException.class,
        () -> MtlsProxy.builder().upstream("https://localhost:8086"));
    assertTrue(scheme.getMessage().startsWith("upstream url must be http://"), scheme.getMessage());
  }
}
