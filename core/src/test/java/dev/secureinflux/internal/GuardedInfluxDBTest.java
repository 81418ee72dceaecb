package dev.secureinflux.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.secureinflux.SecureInfluxException;
import dev.secureinflux.UdpRefusedException;
import dev.secureinflux.UnsafeQueryException;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.influxdb.InfluxDB;
import org.influxdb.dto.Point;
import org.influxdb.dto.Query;
import org.influxdb.dto.QueryResult;
import org.junit.jupiter.api.Test;

/** The wrapper's guards, over a recording stand-in for influxdb-java's client. */
class GuardedInfluxDBTest {
  private final List<String> calls = new ArrayList<>();
  private final List<Object[]> args = new ArrayList<>();
  private RuntimeException queryFailure;
  private QueryResult queryResult = new QueryResult();

  private final List<String> secretCalls = new ArrayList<>();
  private final List<Object[]> secretArgs = new ArrayList<>();

  private InfluxDB recording() {
    return recording(calls, args);
  }

  private InfluxDB recording(List<String> calls, List<Object[]> args) {
    return (InfluxDB) Proxy.newProxyInstance(InfluxDB.class.getClassLoader(), new Class<?>[] {InfluxDB.class},
        (proxy, method, a) -> {
          calls.add(method.getName());
          args.add(a);
          if ((method.getName().equals("query") || method.getName().equals("ping")) && queryFailure != null) {
            throw queryFailure;
          }
          if (method.getReturnType() == InfluxDB.class) {
            return proxy;
          }
          if (method.getReturnType() == QueryResult.class) {
            return queryResult;
          }
          return method.getReturnType() == boolean.class ? false : null;
        });
  }

  private GuardedInfluxDB guarded(String url) {
    return new GuardedInfluxDB(recording(), ServerUrl.parse(url), "app", null);
  }

  @Test
  void constructor_anyDelegate_forcesLogLevelNone() {
    guarded("https://influx.example.com");
    assertEquals("setLogLevel", calls.get(0));
    assertEquals(InfluxDB.LogLevel.NONE, args.get(0)[0]);
  }

  @Test
  void setLogLevel_full_isLoweredToHeaders() {
    GuardedInfluxDB influx = guarded("https://influx.example.com");
    assertSame(influx, influx.setLogLevel(InfluxDB.LogLevel.FULL));
    assertEquals(InfluxDB.LogLevel.HEADERS, args.get(1)[0]);
    influx.setLogLevel(InfluxDB.LogLevel.BASIC);
    assertEquals(InfluxDB.LogLevel.BASIC, args.get(2)[0]);
  }

  @Test
  void writeUdp_nonLoopbackHost_refusedNamingSafeCall() {
    GuardedInfluxDB influx = guarded("https://influx.example.com:8086");
    Point point = Point.measurement("m").addField("v", 1).build();
    UdpRefusedException e = assertThrows(UdpRefusedException.class, () -> influx.write(8089, point));
    assertTrue(e.getMessage().contains("influx.example.com"), e.getMessage());
    assertTrue(e.getMessage().contains("write(BatchPoints)"), e.getMessage());
    assertThrows(UdpRefusedException.class, () -> influx.write(8089, "m v=1"));
    assertThrows(UdpRefusedException.class, () -> influx.write(8089, List.of("m v=1")));
    assertFalse(calls.contains("write"), calls.toString());
  }

  @Test
  void writeUdp_loopbackHost_delegated() {
    guarded("https://localhost:8086").write(8089, "m v=1");
    assertEquals("write", calls.get(calls.size() - 1));
  }

  @Test
  void query_passwordStatement_sentAsPost() {
    guarded("https://influx.example.com").query(new Query("CREATE USER a WITH PASSWORD 'hunter2'"));
    Query sent = (Query) args.get(args.size() - 1)[0];
    assertTrue(sent.requiresPost());
  }

  private static final List<String> SECRET_STATEMENTS = List.of("SET PASSWORD FOR a = 'hunter2'",
      "CREATE USER a WITH PASSWORD 'hunter2'",
      "CREATE SUBSCRIPTION \"s\" ON \"db\".\"autogen\" DESTINATIONS ALL 'http://kapacitor:hunter2@k.example.invalid'");

  @Test
  void query_chunkedSecretStatement_refusedBeforeSending() {
    GuardedInfluxDB influx = guarded("https://influx.example.com");
    java.util.function.Consumer<QueryResult> onNext = r -> { };
    java.util.function.BiConsumer<InfluxDB.Cancellable, QueryResult> onNext2 = (c, r) -> { };
    for (String statement : SECRET_STATEMENTS) {
      Query q = new Query(statement);
      List<org.junit.jupiter.api.function.Executable> calls = List.of(
          () -> influx.query(q, 10, onNext),
          () -> influx.query(q, 10, onNext2),
          () -> influx.query(q, 10, onNext, () -> { }),
          () -> influx.query(q, 10, onNext2, () -> { }),
          () -> influx.query(q, 10, onNext2, () -> { }, t -> { }));
      for (org.junit.jupiter.api.function.Executable call : calls) {
        UnsafeQueryException e = assertThrows(UnsafeQueryException.class, call);
        assertTrue(e.getMessage().contains("chunked query"), e.getMessage());
        assertTrue(e.getMessage().contains("synchronous query(Query)"), e.getMessage());
        assertFalse(e.getMessage().contains("hunter2"), e.getMessage());
      }
    }
    assertFalse(calls.contains("query"), calls.toString());
  }

  @Test
  void query_chunkedSelect_delegated() {
    guarded("https://influx.example.com").query(new Query("SELECT * FROM m", "db"), 10, r -> { });
    assertEquals("query", calls.get(calls.size() - 1));
    assertFalse(((Query) args.get(args.size() - 1)[0]).requiresPost());
  }

  @Test
  void query_passwordStatementFails_serverMessageWithheld() {
    queryFailure = new RuntimeException("error parsing query: found hunter2, expected ...");
    GuardedInfluxDB influx = guarded("https://influx.example.com");
    SecureInfluxException e = assertThrows(SecureInfluxException.class,
        () -> influx.query(new Query("CREATE USER a WITH PASSWORD hunter2")));
    assertFalse(e.getMessage().contains("hunter2"), e.getMessage());
    assertTrue(e.getMessage().contains("withheld"), e.getMessage());
  }

  @Test
  void query_passwordStatementErrorResult_serverMessageWithheld() {
    queryResult.setError("error parsing query: found hunter2");
    GuardedInfluxDB influx = guarded("https://influx.example.com");
    SecureInfluxException e = assertThrows(SecureInfluxException.class,
        () -> influx.query(new Query("CREATE USER a WITH PASSWORD hunter2")));
    assertFalse(e.getMessage().contains("hunter2"), e.getMessage());
  }

  @Test
  void query_asyncSecretStatement_refusedBeforeSending() {
    GuardedInfluxDB influx = guarded("https://influx.example.com");
    List<Throwable> failures = new ArrayList<>();
    for (String statement : SECRET_STATEMENTS) {
      UnsafeQueryException e = assertThrows(UnsafeQueryException.class,
          () -> influx.query(new Query(statement), r -> { }, failures::add));
      assertTrue(e.getMessage().contains("query(Query, onSuccess, onFailure) refuses"), e.getMessage());
      assertFalse(e.getMessage().contains("hunter2"), e.getMessage());
    }
    assertEquals(List.of(), failures);
    assertFalse(calls.contains("query"), calls.toString());
  }

  @Test
  void query_asyncDropDatabase_delegatedAsPost() {
    guarded("https://influx.example.com").query(new Query("DROP DATABASE x"), r -> { }, t -> { });
    assertEquals("query", calls.get(calls.size() - 1));
    assertTrue(((Query) args.get(args.size() - 1)[0]).requiresPost());
  }

  @Test
  void query_subscriptionStatementFails_serverMessageWithheld() {
    queryFailure = new RuntimeException("error parsing query: found kapacitor:hunter2@k.example.invalid");
    GuardedInfluxDB influx = guarded("https://influx.example.com");
    SecureInfluxException e = assertThrows(SecureInfluxException.class,
        () -> influx.query(new Query(SECRET_STATEMENTS.get(2))));
    assertFalse(e.getMessage().contains("hunter2"), e.getMessage());
    assertTrue(e.getMessage().contains("subscription destination"), e.getMessage());
    assertTrue(e.getMessage().contains("withheld"), e.getMessage());
    assertTrue(((Query) args.get(args.size() - 1)[0]).requiresPost());
  }

  @Test
  void query_ordinaryStatementFails_exceptionUnchanged() {
    RuntimeException failure = new RuntimeException("database not found: x");
    queryFailure = failure;
    RuntimeException e = assertThrows(RuntimeException.class,
        () -> guarded("https://influx.example.com").query(new Query("SELECT * FROM m")));
    assertSame(failure, e);
  }

  private static RuntimeException wrappedAuthFailure() {
    // What influxdb-java throws when AuthInterceptor fails a request: InfluxDBIOException(AuthFailureIOException).
    return new org.influxdb.InfluxDBIOException(new dev.secureinflux.auth.AuthFailureIOException(
        new dev.secureinflux.auth.AuthenticationException("authentication failed for user app at "
            + "https://influx.example.com: check the password")));
  }

  @Test
  void syncCalls_authFailureInsideInfluxDbIoException_rethrowTypedException() {
    queryFailure = wrappedAuthFailure();
    GuardedInfluxDB influx = guarded("https://influx.example.com");
    for (org.junit.jupiter.api.function.Executable call : List.<org.junit.jupiter.api.function.Executable>of(
        influx::ping, () -> influx.query(new Query("SHOW DATABASES")),
        () -> influx.query(new Query("CREATE USER a WITH PASSWORD 'hunter2'")))) {
      dev.secureinflux.auth.AuthenticationException e =
          assertThrows(dev.secureinflux.auth.AuthenticationException.class, call);
      assertTrue(e.getMessage().contains("authentication failed for user app"), e.getMessage());
    }
  }

  @Test
  @SuppressWarnings("unchecked")
  void asyncCallbacks_authFailure_getTypedException() {
    GuardedInfluxDB influx = guarded("https://influx.example.com");
    List<Throwable> failures = new ArrayList<>();
    influx.query(new Query("SHOW DATABASES"), r -> { }, failures::add);
    ((java.util.function.Consumer<Throwable>) args.get(args.size() - 1)[2]).accept(wrappedAuthFailure());
    influx.query(new Query("SELECT * FROM m"), 10, (c, r) -> { }, () -> { }, failures::add);
    ((java.util.function.Consumer<Throwable>) args.get(args.size() - 1)[4])
        .accept(wrappedAuthFailure().getCause()); // OkHttp's onFailure gets the IOException itself.
    java.util.function.BiConsumer<Iterable<Point>, Throwable> batch = (points, t) -> failures.add(t);
    influx.enableBatch(org.influxdb.BatchOptions.DEFAULTS.exceptionHandler(batch));
    ((org.influxdb.BatchOptions) args.get(args.size() - 1)[0]).getExceptionHandler()
        .accept(List.of(), wrappedAuthFailure());
    assertEquals(3, failures.size());
    for (Throwable t : failures) {
      assertTrue(t instanceof dev.secureinflux.auth.AuthenticationException, t.toString());
    }
  }

  @Test
  void syncCall_otherFailure_unchanged() {
    RuntimeException failure = new org.influxdb.InfluxDBIOException(new java.io.IOException("connection reset"));
    queryFailure = failure;
    assertSame(failure, assertThrows(RuntimeException.class, guarded("https://influx.example.com")::ping));
  }

  @Test
  void client_isCredentialSafeClientReportingUser() {
    GuardedInfluxDB influx = guarded("https://influx.example.com");
    assertTrue(influx instanceof dev.secureinflux.auth.CredentialSafeClient);
    assertEquals(java.util.Optional.of("app"), influx.authenticatedUser());
    assertEquals(java.util.Optional.empty(),
        new GuardedInfluxDB(recording(), ServerUrl.parse("https://h.example.com"), null, null).authenticatedUser());
  }

  @Test
  void chainingMethods_returnWrapperNotDelegate() {
    GuardedInfluxDB influx = guarded("https://influx.example.com");
    assertSame(influx, influx.setDatabase("db"));
    assertSame(influx, influx.enableGzip());
    assertSame(influx, influx.setRetentionPolicy("rp"));
    assertSame(influx, influx.enableBatch());
  }

  @Test
  void close_runsOnCloseAfterDelegate() {
    AtomicBoolean closed = new AtomicBoolean();
    new GuardedInfluxDB(recording(), ServerUrl.parse("https://h.example.com"), "app", () -> closed.set(true))
        .close();
    assertTrue(closed.get());
    assertEquals("close", calls.get(calls.size() - 1));
  }

  /** A client whose secret statements go to a second recording client, as connect(..) builds it. */
  private GuardedInfluxDB twoClients() {
    return new GuardedInfluxDB(recording(), recording(secretCalls, secretArgs), ServerUrl.parse(
        "https://influx.example.com"), "app", null);
  }

  @Test
  void query_secretStatements_goToClientWithoutUserInterceptorsOthersToMain() {
    GuardedInfluxDB influx = twoClients();
    calls.clear();
    secretCalls.clear();
    for (String statement : SECRET_STATEMENTS) {
      influx.query(new Query(statement));
      influx.query(new Query(statement), java.util.concurrent.TimeUnit.SECONDS);
    }
    assertEquals(List.of(), calls);
    assertEquals(SECRET_STATEMENTS.size() * 2, secretCalls.size());
    influx.query(new Query("DROP DATABASE x"));
    influx.query(new Query("SHOW DATABASES"), java.util.concurrent.TimeUnit.SECONDS);
    assertEquals(List.of("query", "query"), calls);
    assertEquals(SECRET_STATEMENTS.size() * 2, secretCalls.size());
  }

  @Test
  void query_showSubscriptions_goesToSecretClientByPostAndAsyncRefused() {
    GuardedInfluxDB influx = twoClients();
    calls.clear();
    secretCalls.clear();
    assertSame(queryResult, influx.query(new Query("SHOW SUBSCRIPTIONS")));
    influx.query(new Query("show /* c */ subscriptions"), java.util.concurrent.TimeUnit.SECONDS);
    assertEquals(List.of(), calls);
    assertEquals(List.of("query", "query"), secretCalls);
    assertTrue(((Query) secretArgs.get(secretArgs.size() - 1)[0]).requiresPost());
    UnsafeQueryException e = assertThrows(UnsafeQueryException.class,
        () -> influx.query(new Query("SHOW SUBSCRIPTIONS"), r -> { }, t -> { }));
    assertTrue(e.getMessage().contains("SHOW SUBSCRIPTIONS reply lists destination passwords"), e.getMessage());
    assertThrows(UnsafeQueryException.class, () -> influx.query(new Query("SHOW SUBSCRIPTIONS"), 10, r -> { }));
    assertEquals(List.of(), calls);
  }

  @Test
  void setLogLevel_secretClient_staysNone() {
    GuardedInfluxDB influx = twoClients();
    assertEquals(List.of("setLogLevel"), secretCalls);
    assertEquals(InfluxDB.LogLevel.NONE, secretArgs.get(0)[0]);
    influx.setLogLevel(InfluxDB.LogLevel.HEADERS);
    assertEquals(List.of("setLogLevel"), secretCalls);
  }

  @Test
  void setDatabase_andClose_reachBothClients() {
    GuardedInfluxDB influx = twoClients();
    assertSame(influx, influx.setDatabase("db"));
    assertEquals("db", secretArgs.get(secretArgs.size() - 1)[0]);
    influx.close();
    assertEquals("close", calls.get(calls.size() - 1));
    assertEquals("close", secretCalls.get(secretCalls.size() - 1));
  }

  private Query lastQuery() {
    assertEquals("query", calls.get(calls.size() - 1));
    Query sent = (Query) args.get(args.size() - 1)[0];
    assertTrue(sent.requiresPost() || sent.getCommand().equals("SHOW DATABASES"), sent.getCommand());
    return sent;
  }

  private static final String INJECTION = "x\"; DROP DATABASE \"victim";

  @Test
  @SuppressWarnings("deprecation")
  void createDatabase_quoteInName_quotedAsIdentifier() {
    GuardedInfluxDB influx = guarded("https://influx.example.com");
    influx.createDatabase("a\"b");
    assertEquals("CREATE DATABASE \"a\\\"b\"", lastQuery().getCommand());
    influx.createDatabase(INJECTION);
    assertEquals("CREATE DATABASE \"x\\\"; DROP DATABASE \\\"victim\"", lastQuery().getCommand());
    assertFalse(calls.contains("createDatabase"), calls.toString());
  }

  @Test
  @SuppressWarnings("deprecation")
  void deleteDatabase_quoteInName_quotedAsIdentifier() {
    GuardedInfluxDB influx = guarded("https://influx.example.com");
    influx.deleteDatabase(INJECTION);
    assertEquals("DROP DATABASE \"x\\\"; DROP DATABASE \\\"victim\"", lastQuery().getCommand());
    assertFalse(calls.contains("deleteDatabase"), calls.toString());
  }

  @Test
  @SuppressWarnings("deprecation")
  void createRetentionPolicy_everyOverload_quotesNamesAndKeepsShardDuration() {
    GuardedInfluxDB influx = guarded("https://influx.example.com");
    influx.createRetentionPolicy("r\"p", "a\"b", "30d", "1d", 2, true);
    assertEquals("CREATE RETENTION POLICY \"r\\\"p\" ON \"a\\\"b\" DURATION 30d REPLICATION 2 SHARD DURATION 1d "
        + "DEFAULT", lastQuery().getCommand());
    influx.createRetentionPolicy("rp", INJECTION, "inf", 1, false);
    assertEquals("CREATE RETENTION POLICY \"rp\" ON \"x\\\"; DROP DATABASE \\\"victim\" DURATION inf "
        + "REPLICATION 1", lastQuery().getCommand());
    influx.createRetentionPolicy("rp", "db", "1h30m", "1h", 1); // influxdb-java 2.25 drops the shard duration.
    assertEquals("CREATE RETENTION POLICY \"rp\" ON \"db\" DURATION 1h30m REPLICATION 1 SHARD DURATION 1h",
        lastQuery().getCommand());
    assertFalse(calls.contains("createRetentionPolicy"), calls.toString());
  }

  @Test
  @SuppressWarnings("deprecation")
  void createRetentionPolicy_durationOrNameOrReplicationUnusable_refusedBeforeSending() {
    GuardedInfluxDB influx = guarded("https://influx.example.com");
    IllegalArgumentException duration = assertThrows(IllegalArgumentException.class,
        () -> influx.createRetentionPolicy("rp", "db", "1d; DROP DATABASE victim", 1, false));
    assertTrue(duration.getMessage().startsWith("duration must be an InfluxDB duration"), duration.getMessage());
    IllegalArgumentException shard = assertThrows(IllegalArgumentException.class,
        () -> influx.createRetentionPolicy("rp", "db", "1d", "1d DEFAULT", 1));
    assertTrue(shard.getMessage().startsWith("shardDuration must be"), shard.getMessage());
    IllegalArgumentException blank = assertThrows(IllegalArgumentException.class,
        () -> influx.createRetentionPolicy(" ", "db", "1d", 1, false));
    assertTrue(blank.getMessage().startsWith("retention policy name is blank"), blank.getMessage());
    IllegalArgumentException replication = assertThrows(IllegalArgumentException.class,
        () -> influx.createRetentionPolicy("rp", "db", "1d", 0, false));
    assertTrue(replication.getMessage().contains("replicationFactor must be at least 1"), replication.getMessage());
    IllegalArgumentException newline = assertThrows(IllegalArgumentException.class,
        () -> influx.createDatabase("a\rb"));
    assertTrue(newline.getMessage().contains("carriage return"), newline.getMessage());
    assertFalse(calls.contains("query"), calls.toString());
  }

  @Test
  @SuppressWarnings("deprecation")
  void dropRetentionPolicy_quoteInNames_quotedAsIdentifiers() {
    GuardedInfluxDB influx = guarded("https://influx.example.com");
    influx.dropRetentionPolicy("r\"p", INJECTION);
    assertEquals("DROP RETENTION POLICY \"r\\\"p\" ON \"x\\\"; DROP DATABASE \\\"victim\"",
        lastQuery().getCommand());
    assertFalse(calls.contains("dropRetentionPolicy"), calls.toString());
  }

  private static QueryResult databases(String... names) {
    QueryResult.Series series = new QueryResult.Series();
    series.setName("databases");
    series.setColumns(List.of("name"));
    series.setValues(java.util.Arrays.stream(names).map(n -> List.<Object>of(n)).collect(
        java.util.stream.Collectors.toList()));
    QueryResult.Result result = new QueryResult.Result();
    result.setSeries(names.length == 0 ? null : List.of(series));
    QueryResult all = new QueryResult();
    all.setResults(List.of(result));
    return all;
  }

  @Test
  @SuppressWarnings("deprecation")
  void describeDatabasesAndDatabaseExists_namesTakenLiterally() {
    GuardedInfluxDB influx = guarded("https://influx.example.com");
    queryResult = databases("a\"b", " padded ");
    assertEquals(List.of("a\"b", " padded "), influx.describeDatabases());
    assertEquals("SHOW DATABASES", lastQuery().getCommand());
    assertTrue(influx.databaseExists("a\"b"));
    assertFalse(influx.databaseExists("padded"), "influxdb-java trimmed the server's names");
    queryResult = databases();
    assertEquals(List.of(), influx.describeDatabases(), "influxdb-java failed on a server without databases");
    assertFalse(calls.contains("describeDatabases") || calls.contains("databaseExists"), calls.toString());
  }

  @Test
  @SuppressWarnings("deprecation")
  void legacyCalls_serverReportsError_thrownNotIgnored() {
    GuardedInfluxDB influx = guarded("https://influx.example.com");
    QueryResult.Result failed = new QueryResult.Result();
    failed.setError("retention policy already exists");
    queryResult.setResults(List.of(failed));
    org.influxdb.InfluxDBException e = assertThrows(org.influxdb.InfluxDBException.class,
        () -> influx.createRetentionPolicy("rp", "db", "1d", 1, false));
    assertEquals("createRetentionPolicy failed: retention policy already exists", e.getMessage());
  }

  @Test
  void toString_showsHostAndUserOnly() {
    assertEquals("SecureInflux{https://influx.example.com:8086, user=app}",
        guarded("https://influx.example.com:8086").toString());
  }
}
