package dev.secureinflux.benchmarks;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.influxdb.InfluxDB;
import org.influxdb.dto.BatchPoints;
import org.influxdb.dto.Point;
import org.influxdb.dto.Query;
import org.influxdb.dto.QueryResult;

/** What the clients send: batches of 100 points, and a query with a one-row result. */
final class Workload {
  static final String DATABASE = "bench";
  static final int POINTS_PER_BATCH = 100;
  /** Batches built ahead per writing thread and cycled, so building points is not part of the figure. */
  static final int BATCHES_PER_THREAD = 16;
  /** One point in measurement {@code one} on influxd; the stub answers this shape to any query. */
  static final String ONE_ROW_POINT = "one v=1 1704067200000000000";
  static final Query ONE_ROW_QUERY = new Query("SELECT v FROM one LIMIT 1", DATABASE);

  private Workload() {}

  /** {@code threads} x {@link #BATCHES_PER_THREAD} batches; thread {@code t} writes series {@code host=t}. */
  static BatchPoints[][] batches(int threads) {
    BatchPoints[][] out = new BatchPoints[threads][BATCHES_PER_THREAD];
    long time = 1_704_067_200_000_000L; // 2024-01-01 in microseconds.
    for (int t = 0; t < threads; t++) {
      for (int b = 0; b < BATCHES_PER_THREAD; b++) {
        BatchPoints.Builder batch = BatchPoints.database(DATABASE);
        for (int p = 0; p < POINTS_PER_BATCH; p++) {
          batch.point(Point.measurement("bench").tag("host", "t" + t).tag("rack", "r" + (p % 10))
              .addField("v", p).addField("w", time * 0.5).time(++time, TimeUnit.MICROSECONDS).build());
        }
        out[t][b] = batch.build();
      }
    }
    return out;
  }

  /** A batch of one point, for the handshake count (alternating with queries). */
  static BatchPoints onePoint(long i) {
    return BatchPoints.database(DATABASE).point(Point.measurement("hs").addField("v", i)
        .time(1_704_067_200_000L + i, TimeUnit.MILLISECONDS).build()).build();
  }

  /** Runs {@link #ONE_ROW_QUERY} and checks the answer is one series of one row. */
  static QueryResult queryOneRow(InfluxDB client) {
    QueryResult result = client.query(ONE_ROW_QUERY);
    checkOneRow(result, client);
    return result;
  }

  static void checkOneRow(QueryResult result, Object client) {
    if (result.hasError() || result.getResults().size() != 1 || result.getResults().get(0).hasError()) {
      throw new IllegalStateException(client + ": query failed: " + result);
    }
    List<QueryResult.Series> series = result.getResults().get(0).getSeries();
    if (series == null || series.size() != 1 || series.get(0).getValues().size() != 1) {
      throw new IllegalStateException(client + ": expected one series of one row, got " + result);
    }
  }
}
