package dev.secureinflux.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.secureinflux.testkit.InfluxServer;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.influxdb.InfluxDB;
import org.influxdb.dto.Query;
import org.influxdb.dto.QueryResult;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Credentials against a real influxd (HTTPS, auth-enabled, shared-secret) on loopback. */
class RealServerIT {
  private static final String INTL_USER = "intl";
  private static final String INTL_PASSWORD = "pässwörd-密码";

  static InfluxServer server;

  @BeforeAll
  static void start() {
    server = InfluxServer.start();
    server.query("CREATE USER " + INTL_USER + " WITH PASSWORD '" + INTL_PASSWORD + "'");
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static Credentials admin() {
    return Credentials.basic(server.adminUser(), server.adminPassword());
  }

  private static List<List<Object>> users(InfluxDB influx) {
    QueryResult result = influx.query(new Query("SHOW USERS"));
    assertEquals(null, result.getError());
    return result.getResults().get(0).getSeries().get(0).getValues();
  }

  @Test
  void basic_adminOverHttps_queries() {
    InfluxDB influx = TestClients.influx(server, admin());
    assertTrue(users(influx).stream().anyMatch(row -> row.get(0).equals("admin")));
  }

  @Test
  void basic_nonAsciiPassword_worksWithUtf8() {
    InfluxDB influx = TestClients.influx(server, Credentials.basic(INTL_USER, INTL_PASSWORD.toCharArray()));
    QueryResult result = influx.query(new Query("SHOW DATABASES"));
    assertEquals(null, result.getError());
  }

  @Test
  void basic_nonAsciiPassword_failsWithOkHttpIso88591() throws IOException {
    String isoHeader = okhttp3.Credentials.basic(INTL_USER, INTL_PASSWORD); // OkHttp's default charset
    OkHttpClient http = TestClients.okHttp(server, null).build();
    Request request = new Request.Builder().url(HttpUrl.get(server.url()).resolve("/query?q=SHOW+DATABASES"))
        .header("Authorization", isoHeader).build();
    try (Response response = http.newCall(request).execute()) {
      assertEquals(401, response.code());
    }
  }

  @Test
  void basic_wrongPassword_throwsAuthenticationException() {
    InfluxDB influx = TestClients.influx(server, Credentials.basic("admin", "wrong-password".toCharArray()));
    AuthenticationException e = TestClients.assertAuthFailure(AuthenticationException.class,
        () -> influx.query(new Query("SHOW DATABASES")));
    assertEquals("authentication failed for user admin at " + server.url()
        + ": check the user name and password (server: authorization failed)", e.getMessage());
    assertFalse(e.getMessage().contains("wrong-password"));
  }

  @Test
  void jwt_serverSharedSecret_queriesAsAdmin() {
    InfluxDB influx = TestClients.influx(server, Credentials.jwt("admin", server.sharedSecret(),
        Duration.ofMinutes(1)));
    assertTrue(users(influx).stream().anyMatch(row -> row.get(0).equals(INTL_USER)));
  }

  @Test
  void jwt_wrongSecret_throwsAuthenticationException() {
    InfluxDB influx = TestClients.influx(server, Credentials.jwt("admin",
        "this-is-not-the-servers-secret-but-long".toCharArray(), Duration.ofMinutes(1)));
    AuthenticationException e = TestClients.assertAuthFailure(AuthenticationException.class,
        () -> influx.query(new Query("SHOW DATABASES")));
    assertTrue(e.getMessage().startsWith("authentication failed for user admin at " + server.url()
        + ": check the shared secret"), e.getMessage());
    assertTrue(e.getMessage().contains("signature is invalid"), e.getMessage());
  }

  @Test
  void jwt_expiredToken_throwsAuthenticationException() {
    Clock anHourAgo = Clock.fixed(Instant.now().minus(Duration.ofHours(1)), ZoneOffset.UTC);
    InfluxDB influx = TestClients.influx(server, Credentials.jwt("admin", server.sharedSecret(),
        Duration.ofMinutes(5), anHourAgo));
    AuthenticationException e = TestClients.assertAuthFailure(AuthenticationException.class,
        () -> influx.query(new Query("SHOW DATABASES")));
    assertTrue(e.getMessage().toLowerCase(java.util.Locale.ROOT).contains("expired"), e.getMessage());
  }

  @Test
  void jwt_unknownUser_throwsAuthenticationException() {
    InfluxDB influx = TestClients.influx(server, Credentials.jwt("nobody", server.sharedSecret(),
        Duration.ofMinutes(1)));
    AuthenticationException e = TestClients.assertAuthFailure(AuthenticationException.class,
        () -> influx.query(new Query("SHOW DATABASES")));
    assertTrue(e.getMessage().contains("for user nobody") && e.getMessage().contains("user not found"),
        e.getMessage());
  }
}
