package dev.secureinflux.benchmarks;

import dev.secureinflux.testkit.AccessLogEntry;
import dev.secureinflux.testkit.MtlsProxy;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.influxdb.InfluxDB;

/**
 * TLS handshakes, counted by the server: a fresh client sends sequential requests (writes of one point alternating
 * with the one-row query) to a stub nginx, and nginx's access log tells over how many connections they came
 * ({@code $connection}; each connection made one handshake) and which handshakes resumed a session
 * ({@code $ssl_session_reused}).
 */
final class Handshakes {
  /**
   * What the server saw of one client's requests.
   *
   * @param requests requests logged
   * @param connections distinct connections, that is TLS handshakes
   * @param resumed handshakes that resumed a session
   */
  record Count(int requests, int connections, int resumed) {
    int full() {
      return connections - resumed;
    }

    /** Like {@code 1 (1 full)} or {@code 20 (1 full, 19 resumed)}. */
    String describe() {
      return connections + " (" + full() + " full" + (resumed == 0 ? "" : ", " + resumed + " resumed") + ")";
    }
  }

  private Handshakes() {}

  /** Sends {@code requests} sequential requests with {@code client} to {@code stub} and counts on the server. */
  static Count count(InfluxDB client, MtlsProxy stub, int requests) throws InterruptedException {
    int before = stub.accessLog().size();
    for (int i = 0; i < requests; i++) {
      if (i % 2 == 0) {
        client.write(Workload.onePoint(i));
      } else {
        Workload.queryOneRow(client);
      }
    }
    List<AccessLogEntry> log = awaitLog(stub, before + requests);
    return count(log.subList(before, log.size()));
  }

  /** Connections and resumed handshakes among {@code entries} (all from one client). */
  static Count count(List<AccessLogEntry> entries) {
    Map<Long, Boolean> connections = new LinkedHashMap<>();
    for (AccessLogEntry entry : entries) {
      if (entry.status() >= 400) {
        throw new IllegalStateException("the stub refused a request: " + entry);
      }
      connections.putIfAbsent(entry.connection(), entry.sessionReused());
    }
    int resumed = (int) connections.values().stream().filter(Boolean::booleanValue).count();
    return new Count(entries.size(), connections.size(), resumed);
  }

  /** nginx logs a request just after answering it: polls (at most 30 s) until {@code count} lines are there. */
  private static List<AccessLogEntry> awaitLog(MtlsProxy stub, int count) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    List<AccessLogEntry> log = stub.accessLog();
    while (log.size() < count) {
      if (System.nanoTime() - deadline > 0) {
        throw new IllegalStateException("nginx logged " + log.size() + " requests, expected " + count + ": "
            + stub);
      }
      Thread.sleep(20);
      log = stub.accessLog();
    }
    return log;
  }
}
