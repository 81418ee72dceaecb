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
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class MtlsProxyIT {
  @RegisterExtension
  static final MtlsProxyExtension MTLS = MtlsProxyExtension.https();

  private static HttpClient client(SSLContext tls) {
    return HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .proxy(HttpClient.Builder.NO_PROXY)
        .sslContext(tls)
        .build();
  }

  private static HttpResponse<String> get(HttpClient client, String url) throws Exception {
    return client.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private static HttpResponse<String> query(HttpClient client, String url, String statement, InfluxServer admin)
      throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url + "/query"))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString("q=" + URLEncoder.encode(statement, StandardCharsets.UTF_8)));
    if (admin != null) {
      request.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
          (admin.adminUser() + ":" + new String(admin.adminPassword())).getBytes(StandardCharsets.UTF_8)));
    }
    return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void url_isLocalhostOnPort_boundToLoopbackOnly() throws Exception {
    MtlsProxy proxy = MTLS.proxy();
    assertEquals("https://localhost:" + proxy.port(), proxy.url());
    assertEquals(Set.of("127.0.0.1"), ListeningSockets.addresses(proxy.port()));
  }

  @Test
  void ping_clientCertificateFromClientCa_passesThrough204() throws Exception {
    MtlsProxy proxy = MTLS.proxy();
    HttpClient client = client(TestTls.clientContext(proxy.serverCa(), proxy.newClientCertificate("app")));
    HttpResponse<String> response = get(client, proxy.url() + "/ping");
    assertEquals(204, response.statusCode());
    assertTrue(response.headers().firstValue("X-Influxdb-Version").isPresent(), response.headers().toString());
  }

  @Test
  void ping_rsaClientCertificate_passesThrough204() throws Exception {
    MtlsProxy proxy = MTLS.proxy();
    TestCertificate rsa = proxy.newClientCertificate("rsa app", TestCertificate.KeyType.RSA_2048);
    assertEquals(204, get(client(TestTls.clientContext(proxy.serverCa(), rsa)), proxy.url() + "/ping").statusCode());
  }

  @Test
  void query_clientCertificateAndAdminAuth_answers200() throws Exception {
    MtlsProxy proxy = MTLS.proxy();
    HttpClient client = client(TestTls.clientContext(proxy.serverCa(), proxy.newClientCertificate("app")));
    HttpResponse<String> response = query(client, proxy.url(), "SHOW USERS", MTLS.server());
    assertEquals(200, response.statusCode());
    assertTrue(response.body().contains("[\"admin\",true]"), response.body());
  }

  @Test
  void query_clientCertificateWithoutCredentials_stillRefused401ByInflux() throws Exception {
    MtlsProxy proxy = MTLS.proxy();
    HttpClient client = client(TestTls.clientContext(proxy.serverCa(), proxy.newClientCertificate("app")));
    assertEquals(401, query(client, proxy.url(), "SHOW USERS", null).statusCode());
  }

  @Test
  void write_bodyOverOneMegabyte_passesThrough() throws Exception {
    MtlsProxy proxy = MTLS.proxy();
    MTLS.server().query("CREATE DATABASE big");
    StringBuilder lines = new StringBuilder();
    for (int i = 0; lines.length() < 1_500_000; i++) {
      lines.append("m,host=h").append(i % 50).append(" value=").append(i).append(' ').append(i + 1L).append('\n');
    }
    HttpClient client = client(TestTls.clientContext(proxy.serverCa(), proxy.newClientCertificate("writer")));
    InfluxServer admin = MTLS.server();
    HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create(proxy.url() + "/write?db=big"))
        .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
            (admin.adminUser() + ":" + new String(admin.adminPassword())).getBytes(StandardCharsets.UTF_8)))
        .POST(HttpRequest.BodyPublishers.ofString(lines.toString())).build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(204, response.statusCode(), response.body());
    assertTrue(admin.query("big", "SELECT count(value) FROM m").contains("\"count\""));
  }

  @Test
  void ping_withoutClientCertificate_refused400() throws Exception {
    MtlsProxy proxy = MTLS.proxy();
    HttpResponse<String> response = get(client(TestTls.clientContext(proxy.serverCa())), proxy.url() + "/ping");
    assertEquals(400, response.statusCode());
    assertTrue(response.body().contains("No required SSL certificate was sent"), response.body());
  }

  @Test
  void ping_clientCertificateFromOtherCa_refused400() throws Exception {
    MtlsProxy proxy = MTLS.proxy();
    TestCertificate otherCa = TestCertificate.newRootCa("Other Client CA");
    TestCertificate stranger = TestCertificate.builder().issuer(otherCa).commonName("app").clientAuth().build();
    HttpResponse<String> response =
        get(client(TestTls.clientContext(proxy.serverCa(), stranger)), proxy.url() + "/ping");
    assertEquals(400, response.statusCode());
    assertTrue(response.body().contains("The SSL certificate error"), response.body());
    assertTrue(proxy.logTail().contains("client SSL certificate verify error"), proxy.logTail());
  }

  @Test
  void ping_clientTrustingOtherServerCa_failsHandshake() {
    MtlsProxy proxy = MTLS.proxy();
    HttpClient client = client(TestTls.clientContext(TestCertificate.newRootCa("Unrelated"),
        proxy.newClientCertificate("app")));
    assertThrows(SSLHandshakeException.class, () -> get(client, proxy.url() + "/ping"));
  }

  @Test
  void config_verifiesClientsAndHttpsUpstream() throws Exception {
    MtlsProxy proxy = MTLS.proxy();
    String config = Files.readString(proxy.configFile());
    assertTrue(config.contains("listen 127.0.0.1:" + proxy.port() + " ssl;"), config);
    assertTrue(config.contains("ssl_verify_client on;"), config);
    assertTrue(config.contains("ssl_protocols TLSv1.2 TLSv1.3;"), config);
    assertTrue(config.contains("proxy_pass https://127.0.0.1:" + MTLS.server().port() + ";"), config);
    assertTrue(config.contains("proxy_ssl_verify on;"), config);
    assertTrue(config.contains("proxy_ssl_name localhost;"), config);
  }

  @Test
  void close_running_leavesNoProcessAndNoDirectory() throws Exception {
    MtlsProxy second = MtlsProxy.start(MTLS.server());
    List<ProcessHandle> processes = new ArrayList<>();
    ProcessHandle.of(second.pid()).ifPresent(master -> {
      processes.add(master);
      master.descendants().forEach(processes::add);
    });
    assertTrue(processes.size() >= 2, "expected an nginx master and a worker: " + processes);
    Path dir = second.tempDir();
    assertTrue(second.isRunning());

    second.close();

    assertFalse(second.isRunning());
    for (ProcessHandle p : processes) {
      Optional<ProcessHandle> after = ProcessHandle.of(p.pid());
      assertFalse(after.isPresent() && after.get().isAlive(), "nginx pid " + p.pid() + " still alive");
    }
    assertFalse(Files.exists(dir), dir + " still exists");
  }

  @Test
  void start_plainHttpUpstream_proxiesOverLoopback() throws Exception {
    try (InfluxServer plain = InfluxServer.builder().https(false).start();
        MtlsProxy proxy = MtlsProxy.start(plain)) {
      String config = Files.readString(proxy.configFile());
      assertTrue(config.contains("proxy_pass http://127.0.0.1:" + plain.port() + ";"), config);
      HttpClient client = client(TestTls.clientContext(proxy.serverCa(), proxy.newClientCertificate("app")));
      assertEquals(200, query(client, proxy.url(), "SHOW USERS", plain).statusCode());
    }
  }

  @Test
  void start_closedUpstream_throws() {
    InfluxServer closed = InfluxServer.builder().https(false).start();
    closed.close();
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> MtlsProxy.start(closed));
    assertTrue(e.getMessage().contains("is not running: start it before the proxy"), e.getMessage());
  }

  @Test
  void start_missingExecutable_namesDebianPackage(@TempDir Path dir) {
    ExecutableNotFoundException e = assertThrows(ExecutableNotFoundException.class,
        () -> MtlsProxy.builder().upstream(MTLS.server()).executable(dir.resolve("nginx")).start());
    assertTrue(e.getMessage().contains("apt-get install nginx"), e.getMessage());
  }

  @Test
  void start_withoutUpstream_throws() {
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> MtlsProxy.builder().start());
    assertTrue(e.getMessage().contains("upstream(InfluxServer) is required"), e.getMessage());
  }

  @Test
  void clientCa_leafCertificate_throws() {
    TestCertificate leaf = MTLS.proxy().newClientCertificate("not a ca");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> MtlsProxy.builder().clientCa(leaf));
    assertTrue(e.getMessage().contains("is not a CA certificate"), e.getMessage());
  }

  @Test
  void toString_namesBothUrls() {
    MtlsProxy proxy = MTLS.proxy();
    assertEquals("MtlsProxy[" + proxy.url() + " -> " + MTLS.server().url() + "]", proxy.toString());
  }
}
