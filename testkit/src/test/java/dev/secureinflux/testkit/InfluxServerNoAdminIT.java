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
import java.util.Base64;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Auth on, no admin user yet ({@code createAdmin(false)}): what InfluxDB 1.6 answers before its first admin exists.
 * The last test creates that admin, so it runs last.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class InfluxServerNoAdminIT {
  @RegisterExtension
  static final InfluxServerExtension INFLUX = InfluxServerExtension.of(InfluxServer.builder().createAdmin(false));

  private static final String CREATE_ADMIN_FIRST =
      "{\"error\":\"error authorizing query: create admin user first or disable authentication\"}\n";

  private static HttpClient client() {
    return HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .proxy(HttpClient.Builder.NO_PROXY)
        .sslContext(TestTls.clientContext(INFLUX.server().ca()))
        .build();
  }

  private static HttpResponse<String> post(String path, String body, String authorization) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(INFLUX.server().url() + path))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(body));
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    return client().send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static HttpResponse<String> query(String statement, String authorization) throws Exception {
    return post("/query", "q=" + URLEncoder.encode(statement, StandardCharsets.UTF_8), authorization);
  }

  private static String basic(String user, String password) {
    return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void adminPassword_noAdmin_throwsNamingCreateAdmin() {
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> INFLUX.server().adminPassword());
    assertEquals("adminPassword() has no value: this InfluxServer was built with createAdmin(false), so no admin "
        + "user exists (create one with query(\"CREATE USER ... WITH ALL PRIVILEGES\"))", e.getMessage());
    IllegalStateException user = assertThrows(IllegalStateException.class, () -> INFLUX.server().adminUser());
    assertTrue(user.getMessage().startsWith("adminUser() has no value"), user.getMessage());
  }

  @Test
  void toString_noAdmin_saysSo() {
    assertTrue(INFLUX.server().toString().contains(", no admin"), INFLUX.server().toString());
  }

  @Test
  void query_unauthenticated_refused403CreateAdminFirst() throws Exception {
    HttpResponse<String> response = query("SHOW DATABASES", null);
    assertEquals(403, response.statusCode());
    assertEquals(CREATE_ADMIN_FIRST, response.body());
    assertEquals("error authorizing query: create admin user first or disable authentication",
        response.headers().firstValue("X-Influxdb-Error").orElse(""));
  }

  @Test
  void query_anyCredentials_refused403CreateAdminFirst() throws Exception {
    assertEquals(CREATE_ADMIN_FIRST, query("SHOW DATABASES", basic("nobody", "whatever")).body());
    assertEquals(CREATE_ADMIN_FIRST, query("SHOW USERS", basic("admin", "wrong")).body());
    HttpResponse<String> jwt = query("SHOW DATABASES",
        "Bearer " + InfluxServerIT.jwt("admin", INFLUX.server().sharedSecret()));
    assertEquals(403, jwt.statusCode());
    assertEquals(CREATE_ADMIN_FIRST, jwt.body());
  }

  @Test
  void query_createNonAdminUser_refused403() throws Exception {
    HttpResponse<String> response = query("CREATE USER \"app\" WITH PASSWORD 'app-password'", null);
    assertEquals(403, response.statusCode());
    assertEquals(CREATE_ADMIN_FIRST, response.body());
  }

  @Test
  void write_unauthenticated_passesAuthentication() throws Exception {
    HttpResponse<String> response = post("/write?db=nowhere", "m v=1", null);
    assertEquals(404, response.statusCode()); // past authentication: only the database is missing
    assertEquals("{\"error\":\"database not found: \\\"nowhere\\\"\"}\n", response.body());
  }

  @Test
  @Order(Integer.MAX_VALUE)
  void query_createAdminWithoutCredentials_acceptedThenAuthEnforced() throws Exception {
    InfluxServer server = INFLUX.server();
    String json = server.query("CREATE USER \"intruder\" WITH PASSWORD 'intruder-password' WITH ALL PRIVILEGES");
    assertEquals("{\"results\":[{\"statement_id\":0}]}\n", json);

    HttpResponse<String> anonymous = query("SHOW DATABASES", null);
    assertEquals(401, anonymous.statusCode());
    assertEquals("{\"error\":\"unable to parse authentication credentials\"}\n", anonymous.body());
    HttpResponse<String> intruder = query("SHOW USERS", basic("intruder", "intruder-password"));
    assertEquals(200, intruder.statusCode());
    assertTrue(intruder.body().contains("[\"intruder\",true]"), intruder.body());
    assertFalse(server.toString().contains("intruder-password"));
  }
}
