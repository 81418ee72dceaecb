package dev.secureinflux.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.secureinflux.SecureInfluxException;
import dev.secureinflux.UdpRefusedException;
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
          if (method.getName().equals("query") && queryFailure != null) {
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

  @Test
  void query_chunkedPasswordStatement_sentAsPost() {
    guarded("https://influx.example.com").query(new Query("SET PASSWORD FOR a = 'hunter2'"), 10, r -> { });
    assertTrue(((Query) args.get(args.size() - 1)[0]).requiresPost());
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
  @SuppressWarnings("unchecked")
  void query_asyncPasswordStatementFails_callbackGetsNoServerText() {
    List<Throwable> failures = new ArrayList<>();
    guarded("https://influx.example.com").query(new Query("SET PASSWORD FOR a = 'hunter2'"), r -> { },
        failures::add);
    java.util.function.Consumer<Throwable> handed = (java.util.function.Consumer<Throwable>) args.get(1)[2];
    handed.accept(new RuntimeException("error parsing query: found hunter2"));
    assertEquals(1, failures.size());
    assertFalse(failures.get(0).getMessage().contains("hunter2"), failures.get(0).getMessage());
    assertTrue(((Query) args.get(1)[0]).requiresPost());
  }

  @Test
  void query_ordinaryStatementFails_exceptionUnchanged() {
    RuntimeException failure = new RuntimeException("database not found: x");
    queryFailure = failure;
    RuntimeException e = assertThrows(RuntimeException.class,
        () -> guarded("https://influx.example.com").query(new Query("SELECT * FROM m")));
    assertSame(failure, e);
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
