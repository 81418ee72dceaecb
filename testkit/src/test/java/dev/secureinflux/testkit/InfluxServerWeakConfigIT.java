package dev.secureinflux.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** One server configured the way the audit warns about: pprof on and an empty JWT shared secret (auth still on). */
class InfluxServerWeakConfigIT {
  @RegisterExtension
  static final InfluxServerExtension INFLUX = InfluxServerExtension.of(
      InfluxServer.builder().debugEndpoints(true).sharedSecret(new char[0]));

  private static HttpClient client() {
    return HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .proxy(HttpClient.Builder.NO_PROXY)
        .sslContext(TestTls.clientContext(INFLUX.server().ca()))
        .build();
  }

  private static HttpResponse<String> get(String path) throws Exception {
    return client().send(HttpRequest.newBuilder(URI.create(INFLUX.server().url() + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void debugPprof_debugEndpointsOn_answers200Unauthenticated() throws Exception {
    InfluxServer server = INFLUX.server();
    assertTrue(server.debugEndpointsEnabled());
    assertTrue(Files.readString(server.configFile()).contains("pprof-enabled = true"));
    HttpResponse<String> index = get("/debug/pprof/");
    assertEquals(200, index.statusCode());
    assertTrue(index.body().contains("<title>/debug/pprof/</title>"), index.body());
    HttpResponse<String> cmdline = get("/debug/pprof/cmdline");
    assertEquals(200, cmdline.statusCode());
    assertTrue(cmdline.body().contains(server.configFile().toString()), cmdline.body());
  }

  @Test
  void debugVarsAndRequests_debugEndpointsOn_answer200Unauthenticated() throws Exception {
    assertEquals(200, get("/debug/vars").statusCode());
    assertEquals(200, get("/debug/requests?seconds=1").statusCode());
  }

  @Test
  void query_jwtSignedWithEmptyKey_emptySharedSecret_refused401BearerAuthDisabled() throws Exception {
    InfluxServer server = INFLUX.server();
    assertEquals(0, server.sharedSecret().length);
    HttpResponse<String> response = client().send(HttpRequest.newBuilder(URI.create(server.url() + "/query"))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .header("Authorization", "Bearer " + InfluxServerIT.jwt(server.adminUser(), new char[0]))
        .POST(HttpRequest.BodyPublishers.ofString("q=" + URLEncoder.encode("SHOW DATABASES", StandardCharsets.UTF_8)))
        .build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(401, response.statusCode());
    assertEquals("{\"error\":\"bearer auth disabld\"}\n", response.body()); // sic: Debian's CVE-2019-20933 fix
  }
}
