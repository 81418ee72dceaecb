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

  private InfluxDB recording() {
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

  @Test
  void toString_showsHostAndUserOnly() {
    assertEquals("SecureInflux{https://influx.example.com:8086, user=app}",
        guarded("https://influx.example.com:8086").toString());
  }
}
