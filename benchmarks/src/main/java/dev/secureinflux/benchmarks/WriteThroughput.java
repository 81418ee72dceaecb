package dev.secureinflux.benchmarks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.influxdb.InfluxDB;
import org.influxdb.dto.BatchPoints;

/**
 * Write throughput: {@code threads} threads share one client and write batches of 100 points with the synchronous
 * {@code write(BatchPoints)} for a fixed time; points per second over the whole run.
 */
final class WriteThroughput implements AutoCloseable {
  private final ExecutorService pool = Executors.newFixedThreadPool(4, r -> {
    Thread t = new Thread(r, "bench-writer");
    t.setDaemon(true);
    return t;
  });
  private final BatchPoints[][] batches = Workload.batches(4);

  /** Points per second {@code client} writes with {@code threads} threads in {@code duration}. */
  double run(InfluxDB client, int threads, Duration duration) throws Exception {
    CountDownLatch start = new CountDownLatch(1);
    List<Future<Long>> workers = new ArrayList<>();
    long[] deadline = new long[1];
    for (int t = 0; t < threads; t++) {
      BatchPoints[] mine = batches[t];
      workers.add(pool.submit(() -> {
        start.await();
        long written = 0;
        for (int i = 0; System.nanoTime() - deadline[0] < 0; i++) {
          client.write(mine[i % mine.length]);
          written += Workload.POINTS_PER_BATCH;
        }
        return written;
      }));
    }
    long begin = System.nanoTime();
    deadline[0] = begin + duration.toNanos();
    start.countDown(); // Publishes deadline[0] to the workers (happens-before through the latch).
    long points = 0;
    for (Future<Long> worker : workers) {
      points += worker.get();
    }
    long elapsed = System.nanoTime() - begin;
    return points / (elapsed / 1e9);
  }

  @Override
  public void close() {
    pool.shutdownNow();
  }
}
