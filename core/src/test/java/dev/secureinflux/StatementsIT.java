package dev.secureinflux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.squareup.moshi.Moshi;
import dev.secureinflux.auth.Credentials;
import dev.secureinflux.auth.InfluxQl;
import dev.secureinflux.auth.InfluxUsers;
import dev.secureinflux.testkit.InfluxServer;
import dev.secureinflux.testkit.InfluxServerExtension;
import dev.secureinflux.tls.TrustMaterial;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import okhttp3.OkHttpClient;
import okhttp3.logging.HttpLoggingInterceptor;
import org.influxdb.InfluxDB;
import org.influxdb.dto.Query;
import org.influxdb.dto.QueryResult;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Statements through the secured client against a real influxd (HTTPS, auth on): bound parameters of POST
 * statements run, influxdb-java's deprecated calls take names literally, and statements carrying a password work
 * while a user's body logger sees none of them.
 */
class StatementsIT {
  @RegisterExtension
  static final InfluxServerExtension INFLUX = InfluxServerExtension.https();

  /** A name that ends influxdb-java's unescaped identifier and appends a statement of its own. */
  private static final String INJECTION = "x\"; DROP DATABASE \"victim";

  private final Tripwire tripwire = new Tripwire();

  @AfterEach
  void noTrips() {
    assertEquals(List.of(), tripwire.trips, "tripwire: non-loopback name or address used");
  }

  private InfluxDB admin(OkHttpClient.Builder okHttp) {
    InfluxServer server = INFLUX.server();
    return SecureInflux.builder().url(server.url())
        .credentials(Credentials.basic(server.adminUser(), server.adminPassword()))
        .trust(TrustMaterial.pem(server.caPem())).okHttpClient(okHttp).build();
  }

  private InfluxDB admin() {
    return admin(tripwire.okHttp());
  }

  private static void assertNoError(QueryResult result) {
    assertNull(result.getError(), result.getError());
    for (QueryResult.Result r : result.getResults()) {
      assertNull(r.getError(), r.getError());
    }
  }

  /** The server's JSON answer, parsed as influxdb-java does. */
  private static QueryResult parse(String json) {
    try {
      return new Moshi.Builder().build().adapter(QueryResult.class).fromJson(json);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** The first column of every row the admin's statement returns, read by testkit, not by the client tested. */
  private static List<Object> column(String database, String statement, int column) {
    List<Object> values = new ArrayList<>();
    for (QueryResult.Result r : parse(INFLUX.server().query(database, statement)).getResults()) {
      for (QueryResult.Series series : r.getSeries() == null ? List.<QueryResult.Series>of() : r.getSeries()) {
        series.getValues().forEach(row -> values.add(row.get(column)));
      }
    }
    return values;
  }

  private static long count(String database, String measurement) {
    List<Object> counts = column(database, "SELECT count(v) FROM " + InfluxQl.identifier(measurement), 1);
    return counts.isEmpty() ? 0 : ((Number) counts.get(0)).longValue();
  }

  private static List<Object> databases() {
    return column(null, "SHOW DATABASES", 0);
  }

  /** SHOW RETENTION POLICIES rows: name, duration, shardGroupDuration, replicaN, default. */
  private static List<List<Object>> policies(String database) {
    List<List<Object>> rows = new ArrayList<>();
    for (QueryResult.Result r : parse(INFLUX.server().query("SHOW RETENTION POLICIES ON "
        + InfluxQl.identifier(database))).getResults()) {
      rows.addAll(r.getSeries().get(0).getValues());
    }
    return rows;
  }

  @Test
  void query_selectIntoWithBoundParameter_runsThroughEveryOverload() throws Exception {
    INFLUX.server().query("CREATE DATABASE bound_db");
    INFLUX.server().write("bound_db", "m,host=a v=1 1000000000\nm,host=a v=2 2000000000\nm,host=b v=3 3000000000");
    Function<String, Query> into = target -> new Query("SELECT v INTO " + InfluxQl.identifier(target)
        + " FROM m WHERE host = $host", "bound_db").bindParameter("host", "a");
    try (InfluxDB db = admin()) {
      assertNoError(db.query(into.apply("sync")));
      assertNoError(db.query(into.apply("time_unit"), TimeUnit.SECONDS));
      CompletableFuture<QueryResult> async = new CompletableFuture<>();
      db.query(into.apply("async"), async::complete, async::completeExceptionally);
      assertNoError(async.get(60, TimeUnit.SECONDS));
      List<QueryResult> chunks = new CopyOnWriteArrayList<>();
      CompletableFuture<Void> chunked = new CompletableFuture<>();
      db.query(into.apply("chunked"), 100, (cancellable, r) -> chunks.add(r), () -> chunked.complete(null),
          chunked::completeExceptionally);
      chunked.get(60, TimeUnit.SECONDS);
      assertFalse(chunks.isEmpty());
      chunks.stream().filter(r -> !"DONE".equals(r.getError())) // influxdb-java's end-of-stream marker.
          .forEach(StatementsIT::assertNoError);
    }
    for (String target : List.of("sync", "time_unit", "async", "chunked")) {
      assertEquals(2, count("bound_db", target), target + ": the statement ran with host = 'a'");
    }
  }

  @Test
  void query_deleteWithBoundParameter_deletesOnlyMatchingSeries() {
    INFLUX.server().query("CREATE DATABASE delete_db");
    INFLUX.server().write("delete_db", "m,host=a v=1 1000000000\nm,host=b v=2 2000000000");
    try (InfluxDB db = admin()) {
      assertNoError(db.query(new Query("DELETE FROM m WHERE host = $host", "delete_db").bindParameter("host", "a")));
    }
    assertEquals(1, count("delete_db", "m"));
  }

  @Test
  @SuppressWarnings("deprecation")
  void createDatabase_quoteOrInjectionInName_createdLiterallyAndNothingInjected() {
    INFLUX.server().query("CREATE DATABASE victim");
    try (InfluxDB db = admin()) {
      db.createDatabase("a\"b");
      db.createDatabase(INJECTION);
    }
    List<Object> names = databases();
    assertTrue(names.contains("a\"b"), names.toString());
    assertTrue(names.contains(INJECTION), names.toString());
    assertTrue(names.contains("victim"), "dropped by an injected statement: " + names);
  }

  @Test
  @SuppressWarnings("deprecation")
  void deleteDatabase_quoteOrInjectionInName_dropsOnlyThatDatabase() {
    INFLUX.server().query("CREATE DATABASE victim");
    INFLUX.server().query("CREATE DATABASE " + InfluxQl.identifier("c\"d"));
    try (InfluxDB db = admin()) {
      db.deleteDatabase("c\"d");
      db.deleteDatabase("nothing\"; DROP DATABASE \"victim");
    }
    List<Object> names = databases();
    assertFalse(names.contains("c\"d"), names.toString());
    assertTrue(names.contains("victim"), "dropped by an injected statement: " + names);
  }

  @Test
  @SuppressWarnings("deprecation")
  void createAndDropRetentionPolicy_quoteOrInjectionInNames_takenLiterally() {
    String database = "rp\"db";
    INFLUX.server().query("CREATE DATABASE victim");
    INFLUX.server().query("CREATE DATABASE " + InfluxQl.identifier(database));
    try (InfluxDB db = admin()) {
      db.createRetentionPolicy("r\"1", database, "30d", "1d", 1, false);
      db.createRetentionPolicy(INJECTION, database, "2w", 1, false);
      db.createRetentionPolicy("r3", database, "inf", "2h", 1); // influxdb-java 2.25 dropped the shard duration.
      List<List<Object>> policies = policies(database);
      assertTrue(policies.contains(List.of("r\"1", "720h0m0s", "24h0m0s", 1.0, false)), policies.toString());
      assertTrue(policies.stream().anyMatch(p -> p.get(0).equals(INJECTION) && p.get(1).equals("336h0m0s")),
          policies.toString());
      assertTrue(policies.contains(List.of("r3", "0s", "2h0m0s", 1.0, false)), policies.toString());
      db.dropRetentionPolicy("r\"1", database);
      db.dropRetentionPolicy(INJECTION, database);
      List<Object> left = policies(database).stream().map(p -> p.get(0)).collect(Collectors.toList());
      assertEquals(List.of("autogen", "r3"), left.stream().sorted().collect(Collectors.toList()));
      org.influxdb.InfluxDBException missing = assertThrows(org.influxdb.InfluxDBException.class,
          () -> db.createRetentionPolicy("r4", "no such db", "1d", 1, false));
      assertTrue(missing.getMessage().startsWith("createRetentionPolicy failed: database not found"),
          missing.getMessage());
    }
    assertTrue(databases().contains("victim"), "dropped by an injected statement");
  }

  @Test
  @SuppressWarnings("deprecation")
  void describeDatabasesAndDatabaseExists_quoteInName_listedLiterally() {
    INFLUX.server().query("CREATE DATABASE " + InfluxQl.identifier("e\"f"));
    try (InfluxDB db = admin()) {
      assertTrue(db.describeDatabases().contains("e\"f"), db.describeDatabases().toString());
      assertTrue(db.databaseExists("e\"f"));
      assertFalse(db.databaseExists("e"));
    }
  }

  /**
   * The review's Probe6 against a real influxd: a comment between CREATE and SUBSCRIPTION, an escaped quote in the
   * destination's password, and the SHOW SUBSCRIPTIONS reply, which lists every destination with its password.
   */
  @Test
  void query_subscriptionStatementsAndShowSubscriptions_userBodyLoggerNeverSeesDestinationPassword() {
    INFLUX.server().query("CREATE DATABASE subs_db");
    List<String> logged = new CopyOnWriteArrayList<>();
    HttpLoggingInterceptor logger = new HttpLoggingInterceptor(logged::add);
    logger.setLevel(HttpLoggingInterceptor.Level.BODY);
    try (InfluxDB db = admin(tripwire.okHttp().addInterceptor(logger).addNetworkInterceptor(logger))) {
      assertNoError(db.query(new Query("CREATE /* alerts */ SUBSCRIPTION \"s1\" ON \"subs_db\".\"autogen\" "
          + "DESTINATIONS ALL 'http://sub:hunter2\\'one@127.0.0.1:9'")));
      assertNoError(db.query(new Query("CREATE -- alerts\nSUBSCRIPTION \"s2\" ON \"subs_db\".\"autogen\" "
          + "DESTINATIONS ANY 'udp://127.0.0.1:9'"), TimeUnit.SECONDS));
      QueryResult shown = db.query(new Query("SHOW SUBSCRIPTIONS"));
      assertNoError(shown);
      assertTrue(shown.toString().contains("http://sub:hunter2'one@127.0.0.1:9"), "the caller gets the reply: "
          + shown);
      assertNoError(db.query(new Query("SHOW DATABASES")));
    } finally {
      INFLUX.server().query("DROP DATABASE subs_db"); // Its subscriptions go with it.
    }
    String text = String.join("\n", logged);
    assertTrue(text.contains("q=SHOW+DATABASES"), "the logger ran at BODY:\n" + text);
    assertTrue(text.contains("subs_db"), "the logger saw the SHOW DATABASES reply:\n" + text);
    assertFalse(text.contains("hunter2"), text);
    assertFalse(text.toUpperCase(java.util.Locale.ROOT).contains("SUBSCRIPTION"), text);
    assertFalse(text.contains("udp://"), "the logger saw the SHOW SUBSCRIPTIONS reply:\n" + text);
  }

  @Test
  void influxUsers_userBodyLogger_neverSeesPasswordAndNewUserLogsIn() {
    List<String> logged = new CopyOnWriteArrayList<>();
    HttpLoggingInterceptor logger = new HttpLoggingInterceptor(logged::add);
    logger.setLevel(HttpLoggingInterceptor.Level.BODY);
    String password = "hunter2-Logged-7";
    try (InfluxDB db = admin(tripwire.okHttp().addInterceptor(logger).addNetworkInterceptor(logger))) {
      db.query(new Query("CREATE DATABASE logged_db"));
      InfluxUsers.create(db).provision("logged_user", password.toCharArray(), "logged_db",
          dev.secureinflux.auth.Privilege.READ);
    }
    String text = String.join("\n", logged);
    assertTrue(text.contains("q=CREATE+DATABASE+logged_db"), "the logger ran at BODY:\n" + text);
    assertFalse(text.contains("hunter2"), text);
    assertFalse(text.contains("PASSWORD"), text);
    InfluxServer server = INFLUX.server();
    try (InfluxDB user = SecureInflux.builder().url(server.url())
        .credentials(Credentials.basic("logged_user", password.toCharArray()))
        .trust(TrustMaterial.pem(server.caPem())).okHttpClient(tripwire.okHttp()).build()) {
      assertNoError(user.query(new Query("SHOW MEASUREMENTS", "logged_db")));
    }
  }
}
