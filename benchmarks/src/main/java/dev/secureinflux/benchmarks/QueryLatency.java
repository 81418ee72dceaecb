package dev.secureinflux.benchmarks;

import java.time.Duration;
import java.util.Arrays;
import org.influxdb.InfluxDB;
import org.influxdb.dto.QueryResult;

/**
 * Query latency: one thread sends the one-row query back to back for a fixed time; the p50 and p99 of the
 * per-request times (call to {@code query(Query)} until it returns the parsed result), in microseconds.
 */
final class QueryLatency {
  private long[] samples = new long[1 << 14];

  /** {p50, p99} in microseconds for {@code client} over {@code duration}. */
  double[] run(InfluxDB client, Duration duration) {
    int n = 0;
    long deadline = System.nanoTime() + duration.toNanos();
    long now = System.nanoTime();
    while (now - deadline < 0) {
      QueryResult result = client.query(Workload.ONE_ROW_QUERY);
      long end = System.nanoTime();
      if (result.hasError()) {
        throw new IllegalStateException(client + ": query failed: " + result.getError());
      }
      if (n == samples.length) {
        samples = Arrays.copyOf(samples, n * 2);
      }
      samples[n++] = end - now;
      now = end;
    }
    if (n == 0) {
      throw new IllegalStateException(client + ": no query finished in " + duration);
    }
    return new double[] {Stats.percentile(samples, n, 50) / 1e3, Stats.percentile(samples, n, 99) / 1e3};
  }
}
