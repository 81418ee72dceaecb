package dev.secureinflux.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.secureinflux.testkit.InfluxServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.influxdb.InfluxDB;
import org.influxdb.dto.Query;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * With influxdb-java's logging on, nothing secret reaches OkHttp's log (java.util.logging logger
 * {@code okhttp3.OkHttpClient}, where {@code HttpLoggingInterceptor.Logger.DEFAULT} writes) or stdout/stderr.
 */
class LoggingIT {
  private static final String PASSWORD = "log-pw-Ä1-secret";
  static InfluxServer server;

  private final Logger okhttpLogger = Logger.getLogger("okhttp3.OkHttpClient");
  private final List<String> logged = new ArrayList<>();
  private final ByteArrayOutputStream console = new ByteArrayOutputStream();
  private Handler handler;
  private PrintStream out;
  private PrintStream err;

  @BeforeAll
  static void start() {
    server = InfluxServer.start();
    server.query("CREATE USER logger WITH PASSWORD '" + PASSWORD + "'");
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @BeforeEach
  void capture() {
    handler = new Handler() {
      @Override
      public void publish(LogRecord record) {
        synchronized (logged) {
          logged.add(record.getMessage());
        }
      }

      @Override
      public void flush() {}

      @Override
      public void close() {}
    };
    okhttpLogger.addHandler(handler);
    okhttpLogger.setLevel(Level.ALL);
    out = System.out;
    err = System.err;
    PrintStream tee = new PrintStream(console, true, StandardCharsets.UTF_8);
    System.setOut(tee);
    System.setErr(tee);
  }

  @AfterEach
  void release() {
    okhttpLogger.removeHandler(handler);
    System.setOut(out);
    System.setErr(err);
  }

  private String captured() {
    synchronized (logged) {
      return String.join("\n", logged) + "\n" + console.toString(StandardCharsets.UTF_8);
    }
  }

  private void assertAbsent(String secret, String what) {
    String all = captured();
    assertFalse(all.contains(secret), what + " reached the log");
  }

  @ParameterizedTest
  @EnumSource(value = InfluxDB.LogLevel.class, names = {"BASIC", "HEADERS", "FULL"})
  void basic_anyLogLevel_neitherPasswordNorHeaderLogged(InfluxDB.LogLevel level) {
    Credentials credentials = Credentials.basic("logger", PASSWORD.toCharArray());
    InfluxDB influx = TestClients.influx(server, credentials);
    influx.setLogLevel(level);
    influx.query(new Query("SHOW DATABASES"));
    influx.query(new Query("SHOW DATABASES", null, true));
    String header = credentials.authorizationHeader(InsecureSecretAccess.get());
    assertTrue(captured().contains("/query"), "the capture saw nothing: " + captured());
    assertAbsent(PASSWORD, "the password");
    assertAbsent(header.substring("Basic ".length()), "the Basic value");
    assertAbsent("Authorization", "an Authorization header");
  }

  @ParameterizedTest
  @EnumSource(value = InfluxDB.LogLevel.class, names = {"BASIC", "HEADERS", "FULL"})
  void jwt_anyLogLevel_neitherTokenNorSecretLogged(InfluxDB.LogLevel level) {
    Credentials credentials = Credentials.jwt("admin", server.sharedSecret(), Duration.ofMinutes(5));
    String token = credentials.authorizationHeader(InsecureSecretAccess.get()).substring("Bearer ".length());
    InfluxDB influx = TestClients.influx(server, credentials);
    influx.setLogLevel(level);
    influx.query(new Query("SHOW USERS"));
    assertEquals(token, credentials.authorizationHeader(InsecureSecretAccess.get()).substring(7));
    assertTrue(captured().contains("/query"), "the capture saw nothing");
    assertAbsent(token, "the JWT");
    assertAbsent(token.substring(token.lastIndexOf('.') + 1), "the JWT signature");
    assertAbsent(new String(server.sharedSecret()), "the shared secret");
  }

  @ParameterizedTest
  @EnumSource(value = InfluxDB.LogLevel.class, names = {"BASIC", "HEADERS", "FULL"})
  void influxUsers_adminAtAnyLogLevel_passwordStatementsNotLogged(InfluxDB.LogLevel level) {
    InfluxDB admin = TestClients.influx(server, Credentials.basic(server.adminUser(), server.adminPassword()));
    admin.setLogLevel(level);
    InfluxUsers users = InfluxUsers.create(TestClients.credentialSafe(admin, server.adminUser()));
    admin.setLogLevel(level); // set again after create(): each password statement forces NONE itself
    String name = "logged-" + level;
    users.createUser(name, "create-pw-секрет".toCharArray());
    admin.setLogLevel(level);
    users.setPassword(name, "set-pw-秘密".toCharArray());
    admin.setLogLevel(level);
    users.listUsers();
    assertTrue(captured().contains("/query"), "the capture saw nothing after the password statements");
    for (String secret : new String[] {"create-pw", "set-pw", Query.encode("create-pw-секрет"),
        Query.encode("set-pw-秘密"), new String(server.adminPassword())}) {
      assertAbsent(secret, "a password");
    }
  }

  @org.junit.jupiter.api.Test
  void control_rawInfluxdbJavaAtFull_logsPasswordInBody() {
    // Shows the capture sees bodies, and why InfluxUsers forces NONE: plain influxdb-java logs the statement.
    InfluxDB admin = TestClients.influx(server, Credentials.basic(server.adminUser(), server.adminPassword()));
    admin.setLogLevel(InfluxDB.LogLevel.FULL);
    admin.query(new Query("CREATE USER control WITH PASSWORD 'control-pw-visible'", null, true));
    String body = Query.encode("CREATE USER control WITH PASSWORD 'control-pw-visible'");
    assertTrue(captured().contains(body) || captured().contains("control-pw-visible"), captured());
    String header = Base64.getEncoder().encodeToString(("admin:" + new String(server.adminPassword()))
        .getBytes(StandardCharsets.UTF_8));
    assertAbsent(header, "the admin's Basic value");
  }
}
