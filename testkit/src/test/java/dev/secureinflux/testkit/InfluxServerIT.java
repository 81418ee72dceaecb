package dev.secureinflux.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class InfluxServerIT {
  @RegisterExtension
  static final InfluxServerExtension INFLUX = InfluxServerExtension.https();

  private static HttpClient client(InfluxServer server) {
    return HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .proxy(HttpClient.Builder.NO_PROXY)
        .sslContext(TestTls.clientContext(server.ca()))
        .build();
  }

  private static HttpResponse<String> post(HttpClient client, InfluxServer server, String statement,
      String authorization) throws IOException, InterruptedException {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.url() + "/query"))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString("q=" + URLEncoder.encode(statement, StandardCharsets.UTF_8)));
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static String basic(String user, char[] password) {
    return "Basic " + Base64.getEncoder()
        .encodeToString((user + ":" + new String(password)).getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void url_https_isLocalhostOnPort() {
    InfluxServer server = INFLUX.server();
    assertEquals("https://localhost:" + server.port(), server.url());
  }

  @Test
  void ping_overHttpsTrustingCa_answers204() throws Exception {
    InfluxServer server = INFLUX.server();
    HttpResponse<Void> response = client(server).send(
        HttpRequest.newBuilder(URI.create(server.url() + "/ping")).build(), HttpResponse.BodyHandlers.discarding());
    assertEquals(204, response.statusCode());
  }

  @Test
  void ping_clientTrustingOtherCa_failsHandshake() {
    InfluxServer server = INFLUX.server();
    HttpClient stranger = HttpClient.newBuilder()
        .proxy(HttpClient.Builder.NO_PROXY)
        .sslContext(TestTls.clientContext(TestCertificate.newRootCa("Some Other CA")))
        .build();
    assertThrows(SSLHandshakeException.class, () -> stranger.send(
        HttpRequest.newBuilder(URI.create(server.url() + "/ping")).build(), HttpResponse.BodyHandlers.discarding()));
  }

  @Test
  void query_withoutCredentials_refused401() throws Exception {
    InfluxServer server = INFLUX.server();
    HttpResponse<String> response = post(client(server), server, "SHOW DATABASES", null);
    assertEquals(401, response.statusCode());
    assertTrue(response.body().contains("unable to parse authentication credentials"), response.body());
  }

  @Test
  void query_wrongPassword_refused401() throws Exception {
    InfluxServer server = INFLUX.server();
    HttpResponse<String> response =
        post(client(server), server, "SHOW DATABASES", basic("admin", "wrong".toCharArray()));
    assertEquals(401, response.statusCode());
    assertTrue(response.body().contains("authorization failed"), response.body());
  }

  @Test
  void query_adminBasicAuth_answers200() throws Exception {
    InfluxServer server = INFLUX.server();
    HttpResponse<String> response = post(client(server), server, "SHOW USERS",
        basic(server.adminUser(), server.adminPassword()));
    assertEquals(200, response.statusCode());
    assertTrue(response.body().contains("[\"admin\",true]"), response.body());
  }

  static String jwt(String user, char[] secret) throws Exception {
    Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
    long exp = System.currentTimeMillis() / 1000 + 300;
    String signingInput = b64.encodeToString("{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8))
        + "." + b64.encodeToString(("{\"username\":\"" + user + "\",\"exp\":" + exp + "}")
        .getBytes(StandardCharsets.UTF_8));
    Mac mac = Mac.getInstance("HmacSHA256");
    byte[] key = new String(secret).getBytes(StandardCharsets.UTF_8);
    // SecretKeySpec refuses an empty key; HMAC pads short keys with zeros to its 64-byte block, so 64 zero bytes
    // sign exactly as the empty key does (what a server with shared-secret = "" would check against).
    mac.init(new SecretKeySpec(key.length == 0 ? new byte[64] : key, "HmacSHA256"));
    return signingInput + "." + b64.encodeToString(mac.doFinal(signingInput.getBytes(StandardCharsets.US_ASCII)));
  }

  @Test
  void query_jwtSignedWithSharedSecret_answers200() throws Exception {
    InfluxServer server = INFLUX.server();
    HttpResponse<String> response = post(client(server), server, "SHOW DATABASES",
        "Bearer " + jwt(server.adminUser(), server.sharedSecret()));
    assertEquals(200, response.statusCode(), response.body());
  }

  @Test
  void query_jwtSignedWithOtherSecret_refused401() throws Exception {
    InfluxServer server = INFLUX.server();
    HttpResponse<String> response = post(client(server), server, "SHOW DATABASES",
        "Bearer " + jwt(server.adminUser(), "some-other-secret-of-enough-length-000".toCharArray()));
    assertEquals(401, response.statusCode());
    assertTrue(response.body().contains("signature is invalid"), response.body());
  }

  @Test
  void query_jwtSignedWithEmptyKey_refused401SignatureInvalid() throws Exception {
    InfluxServer server = INFLUX.server();
    HttpResponse<String> response = post(client(server), server, "SHOW DATABASES",
        "Bearer " + jwt(server.adminUser(), new char[0]));
    assertEquals(401, response.statusCode());
    assertEquals("{\"error\":\"signature is invalid\"}\n", response.body());
  }

  @Test
  void query_withoutCredentials_answers401WithBasicChallenge() throws Exception {
    InfluxServer server = INFLUX.server();
    HttpResponse<String> response = post(client(server), server, "SHOW DATABASES", null);
    assertEquals(401, response.statusCode());
    assertEquals("{\"error\":\"unable to parse authentication credentials\"}\n", response.body());
    assertEquals("Basic realm=\"InfluxDB\"", response.headers().firstValue("WWW-Authenticate").orElse(""));
    HttpResponse<String> wrong = post(client(server), server, "SHOW DATABASES", basic("admin", "wrong".toCharArray()));
    assertEquals("{\"error\":\"authorization failed\"}\n", wrong.body());
  }

  @Test
  void ping_andRefusals_carryVersionAndBuildHeaders() throws Exception {
    InfluxServer server = INFLUX.server();
    HttpResponse<Void> ping = client(server).send(
        HttpRequest.newBuilder(URI.create(server.url() + "/ping")).build(), HttpResponse.BodyHandlers.discarding());
    HttpResponse<String> refused = post(client(server), server, "SHOW DATABASES", null);
    for (HttpResponse<?> response : List.of(ping, refused)) {
      String version = response.headers().firstValue("X-Influxdb-Version").orElse("");
      assertTrue(version.matches("1\\.\\d+\\.\\d+.*"), "X-Influxdb-Version: " + version);
      assertEquals("OSS", response.headers().firstValue("X-Influxdb-Build").orElse(""));
    }
  }

  private static HttpResponse<String> get(InfluxServer server, String path) throws Exception {
    return client(server).send(HttpRequest.newBuilder(URI.create(server.url() + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void debugVars_unauthenticatedWithAuthOn_answers200() throws Exception {
    InfluxServer server = INFLUX.server();
    HttpResponse<String> response = get(server, "/debug/vars");
    assertEquals(200, response.statusCode());
    assertTrue(response.body().contains("\"cmdline\": ["), response.body());
    assertTrue(response.body().contains("\"-config\",\"" + server.configFile() + "\""), response.body());
  }

  @Test
  void debugRequests_unauthenticatedWithAuthOn_answers200() throws Exception {
    HttpResponse<String> response = get(INFLUX.server(), "/debug/requests?seconds=1");
    assertEquals(200, response.statusCode());
    assertTrue(response.body().startsWith("{"), response.body());
  }

  @Test
  void debugPprof_pprofOffByDefault_answers404() throws Exception {
    InfluxServer server = INFLUX.server();
    assertFalse(server.debugEndpointsEnabled());
    assertTrue(Files.readString(server.configFile()).contains("pprof-enabled = false"));
    HttpResponse<String> response = get(server, "/debug/pprof/");
    assertEquals(404, response.statusCode());
    assertEquals("404 page not found\n", response.body());
  }

  @Test
  void query_helper_createsDatabaseAndReadsWrites() {
    InfluxServer server = INFLUX.server();
    server.query("CREATE DATABASE helper_db");
    server.write("helper_db", "cpu,host=a value=1.5 1000000000");
    String json = server.query("helper_db", "SELECT value FROM cpu");
    assertTrue(json.contains("1.5"), json);
  }

  @Test
  void query_badStatement_throwsWithResponse() {
    AdminQueryException e = assertThrows(AdminQueryException.class, () -> INFLUX.server().query("SELEKT 1"));
    assertTrue(e.getMessage().contains("HTTP 400"), e.getMessage());
    assertTrue(e.getMessage().contains("SELEKT"), e.getMessage());
  }

  @Test
  void query_statementErrorIn200Response_throws() {
    AdminQueryException e = assertThrows(AdminQueryException.class,
        () -> INFLUX.server().query("DROP USER \"nobody_here\""));
    assertTrue(e.getMessage().contains("HTTP 200"), e.getMessage());
    assertTrue(e.getMessage().contains("user not found"), e.getMessage());
  }

  @Test
  void query_tagKeyNamedError_isNotAFailure() {
    InfluxServer server = INFLUX.server();
    server.query("CREATE DATABASE tag_db");
    server.write("tag_db", "m,error=disk value=1 1000000000");
    String json = server.query("tag_db", "SELECT value FROM m GROUP BY error");
    assertTrue(json.contains("\"tags\":{\"error\":\"disk\"}"), json);
  }

  @Test
  void query_statementWithPassword_failureWithholdsResponse() {
    InfluxServer server = INFLUX.server();
    AdminQueryException e = assertThrows(AdminQueryException.class,
        () -> server.query("CREATE USER \"x\" WITH PASSWORD 'hunter2secret' WITH NONSENSE"));
    assertTrue(e.getMessage().contains("response withheld"), e.getMessage());
    assertFalse(e.getMessage().contains("hunter2secret"), e.getMessage());
  }

  @Test
  void rpcPort_boundToLoopbackOnly() throws Exception {
    InfluxServer server = INFLUX.server();
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), server.rpcPort()), 2000);
      assertTrue(socket.isConnected());
    }
    String config = Files.readString(server.configFile());
    assertTrue(config.contains("\nbind-address = \"127.0.0.1:" + server.rpcPort() + "\"\n"), config);
    assertEquals(Set.of("127.0.0.1"), ListeningSockets.addresses(server.rpcPort()));
    assertEquals(Set.of("127.0.0.1"), ListeningSockets.addresses(server.port()));
  }

  @Test
  void config_hasAuthHttpsSharedSecretAndReportingOff() throws Exception {
    InfluxServer server = INFLUX.server();
    String config = Files.readString(server.configFile());
    assertTrue(config.contains("auth-enabled = true"), config);
    assertTrue(config.contains("https-enabled = true"), config);
    assertTrue(config.contains("shared-secret = \"" + new String(server.sharedSecret()) + "\""));
    assertTrue(config.contains("reporting-disabled = true"), config);
    assertTrue(server.sharedSecret().length >= 32);
  }

  @Test
  void files_privateKeyAndConfig_ownerOnly() throws Exception {
    InfluxServer server = INFLUX.server();
    Set<PosixFilePermission> ownerOnly = Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
    assertEquals(ownerOnly, Files.getPosixFilePermissions(server.tempDir().resolve("server-key.pem")));
    assertEquals(ownerOnly, Files.getPosixFilePermissions(server.configFile()));
  }

  @Test
  void logTail_afterStart_holdsNoSecret() {
    InfluxServer server = INFLUX.server();
    String tail = server.logTail();
    assertFalse(tail.isEmpty());
    assertFalse(tail.contains(new String(server.adminPassword())), tail);
    assertFalse(tail.contains(new String(server.sharedSecret())), tail);
  }

  @Test
  void toString_showsUrl_containsNoSecret() {
    InfluxServer server = INFLUX.server();
    String text = server.toString();
    assertTrue(text.contains(server.url()), text);
    assertFalse(text.contains(new String(server.adminPassword())), text);
    assertFalse(text.contains(new String(server.sharedSecret())), text);
  }

  @Test
  void adminPassword_returnsCopy() {
    InfluxServer server = INFLUX.server();
    char[] first = server.adminPassword();
    first[0] = '#';
    assertFalse(server.adminPassword()[0] == '#');
  }
}
