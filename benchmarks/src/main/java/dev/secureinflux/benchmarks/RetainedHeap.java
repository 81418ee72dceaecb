package dev.secureinflux.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.ref.Reference;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.influxdb.InfluxDB;
import org.influxdb.dto.Pong;

/**
 * Run in a fresh JVM (serial GC): the heap one idle client keeps. Builds one client first (so classes and static
 * caches are not counted), then measures the heap in use after full GCs before and after building {@code n} more
 * and holding them; prints the difference divided by {@code n}, in bytes. With {@code used}, every client first
 * sends one {@code ping()}, so it also holds one pooled TLS connection. Arguments: {@code secured|bare}, n,
 * {@code built|used}, the {@link Material} directory, the mutual-TLS stub's URL.
 */
public final class RetainedHeap {
  private RetainedHeap() {}

  public static void main(String[] args) throws InterruptedException {
    boolean secured = args[0].equals("secured");
    int n = Integer.parseInt(args[1]);
    boolean used = args[2].equals("used");
    Endpoint endpoint = Identity.endpoint(Path.of(args[3]), args[4], true);
    InfluxDB first = build(secured, endpoint, used);
    long before = heapAfterGc();
    List<InfluxDB> clients = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      clients.add(build(secured, endpoint, used));
    }
    long after = heapAfterGc();
    Reference.reachabilityFence(clients);
    Reference.reachabilityFence(first);
    System.out.println((after - before) / n);
    System.exit(0);
  }

  private static InfluxDB build(boolean secured, Endpoint endpoint, boolean used) {
    InfluxDB client = secured ? Clients.secured(endpoint) : Clients.bare(endpoint);
    if (used) {
      Pong pong = client.ping();
      if (!"stub".equals(pong.getVersion())) {
        throw new IllegalStateException("ping did not reach the stub: " + pong);
      }
    }
    return client;
  }

  private static long heapAfterGc() throws InterruptedException {
    long used = Long.MAX_VALUE;
    for (int i = 0; i < 4; i++) {
      System.gc();
      Thread.sleep(50);
      used = Math.min(used, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
    }
    return used;
  }
}
