package dev.secureinflux.benchmarks;

import dev.secureinflux.benchmarks.Clients.Kind;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.influxdb.InfluxDB;

/**
 * Runs every benchmark and prints the table: {@code java -jar benchmarks/target/benchmarks.jar [smoke] [key=value
 * ...]} (see {@link Settings}). Each figure compares the secured client with bare influxdb-java configured by hand
 * with the same server, CA, client key and credentials, and with a second bare client as a noise control.
 */
public final class Main {
  private static final PrintStream OUT = System.out;

  private Main() {}

  public static void main(String[] args) throws Exception {
    Loopback.install(); // Before anything looks a name up.
    Settings s;
    try {
      s = Settings.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.err.println("usage: java -jar benchmarks/target/benchmarks.jar [smoke] [key=value ...]");
      System.exit(2);
      return;
    }
    long start = System.nanoTime();
    OUT.println("secureinflux benchmarks, " + Instant.now() + "; " + System.getProperty("java.vm.name") + " "
        + System.getProperty("java.version") + ", " + System.getProperty("os.name") + " "
        + System.getProperty("os.arch") + ", " + Runtime.getRuntime().availableProcessors() + " CPUs");
    OUT.println(s.describe());
    OUT.printf(Locale.ROOT, "estimated run time: about %d min %02d s%n", s.estimatedSeconds() / 60,
        s.estimatedSeconds() % 60);
    Report report = new Report(OUT);
    boolean influx = s.runs("write") || s.runs("query");
    try (Servers servers = Servers.start(s.runs("handshakes"), influx)) {
      if (s.runs("handshakes")) {
        handshakes(servers, s, report);
      }
      if (s.runs("write")) {
        write(servers, s, report);
      }
      if (s.runs("query")) {
        query(servers, s, report);
      }
      if (s.runs("build") || s.runs("memory")) {
        Path material = Material.write(servers.stubMtls.nginx());
        try {
          if (s.runs("build")) {
            build(material, servers.stubMtls.endpoint().url(), s, report);
          }
          if (s.runs("memory")) {
            memory(material, servers.stubMtls.endpoint().url(), s, report);
          }
        } finally {
          Servers.deleteTree(material);
        }
      }
    }
    report.print("Secured / bare influxdb-java (" + s.describe() + "):");
    OUT.printf(Locale.ROOT, "%ntotal %.0f s%n", (System.nanoTime() - start) / 1e9);
    System.exit(0); // OkHttp's and influxdb-java's idle threads must not keep the JVM.
  }

  private static InfluxDB[] clients(Endpoint endpoint) {
    return new InfluxDB[] {Clients.build(Kind.SECURED, endpoint), Clients.build(Kind.BARE, endpoint),
        Clients.build(Kind.CONTROL, endpoint)};
  }

  private static void close(InfluxDB... clients) {
    for (InfluxDB client : clients) {
      client.close();
    }
  }

  private static void handshakes(Servers servers, Settings s, Report report) throws Exception {
    OUT.println("TLS handshakes, counted by nginx:");
    for (Servers.Server server : List.of(servers.stubTls, servers.stubMtls)) {
      handshakeRow("TLS handshakes (connections) for " + s.handshakeRequests() + " sequential requests", server,
          s.handshakeRequests(), report);
    }
    for (Servers.Server server : List.of(servers.closingTls, servers.closingMtls)) {
      handshakeRow("handshakes when the server closes every connection after 1 request, " + s.resumeRequests()
          + " requests", server, s.resumeRequests(), report);
    }
  }

  private static void handshakeRow(String figure, Servers.Server server, int requests, Report report)
      throws Exception {
    String[] shown = new String[2];
    for (Kind kind : List.of(Kind.SECURED, Kind.BARE)) {
      InfluxDB client = Clients.build(kind, server.endpoint()); // Fresh: its first connection is counted too.
      try {
        shown[kind.ordinal()] = Handshakes.count(client, server.nginx(), requests).describe();
      } finally {
        client.close();
      }
    }
    report.add(new Report.Row(figure, server.endpoint().name(), shown[0], shown[1], "", "", ""));
  }

  private static void write(Servers servers, Settings s, Report report) throws Exception {
    OUT.println("Write throughput:");
    try (WriteThroughput write = new WriteThroughput()) {
      for (Servers.Server server : servers.measured()) {
        InfluxDB[] clients = clients(server.endpoint());
        try {
          for (int threads : new int[] {1, 4}) {
            for (InfluxDB client : clients) {
              write.run(client, threads, s.warmup());
            }
            double[][][] r = Interleaved.rounds(s.rounds(), clients.length, 1,
                c -> new double[] {write.run(clients[c], threads, s.run())});
            report.ratios("write, batches of 100, " + threads + (threads == 1 ? " thread" : " threads")
                + " (points/s)", server.endpoint().name(), Interleaved.medians(r[0]),
                Interleaved.medianRatio(r[0], 0, 1), Interleaved.medianRatio(r[0], 2, 1), "%.0f");
          }
        } finally {
          close(clients);
        }
      }
    }
  }

  private static void query(Servers servers, Settings s, Report report) throws Exception {
    OUT.println("Query latency:");
    QueryLatency latency = new QueryLatency();
    for (Servers.Server server : servers.measured()) {
      InfluxDB[] clients = clients(server.endpoint());
      try {
        for (InfluxDB client : clients) {
          Workload.queryOneRow(client); // The answer is one row, for each client.
          latency.run(client, s.warmup());
        }
        double[][][] r = Interleaved.rounds(s.rounds(), clients.length, 2, c -> latency.run(clients[c], s.run()));
        String[] names = {"query, one row, p50 (µs)", "query, one row, p99 (µs)"};
        for (int f = 0; f < 2; f++) {
          report.ratios(names[f], server.endpoint().name(), Interleaved.medians(r[f]),
              Interleaved.medianRatio(r[f], 0, 1), Interleaved.medianRatio(r[f], 2, 1), "%.1f");
        }
      } finally {
        close(clients);
      }
    }
  }

  private static void build(Path material, String url, Settings s, Report report) throws Exception {
    OUT.println("Building a client (PEM CA + PEM client chain and PKCS#8 key):");
    String what = Identity.PKCS8.label;
    double[][][] warm = Interleaved.rounds(s.jmhRounds(), 3, 2, c -> BuildFigures.warm(c, material, url, s));
    report.ratios("build + close, warm, JMH (µs)", what, Interleaved.medians(warm[0]),
        Interleaved.medianRatio(warm[0], 0, 1), Interleaved.medianRatio(warm[0], 2, 1), "%.1f");
    report.ratios("build + close, warm, JMH (allocated bytes)", what, Interleaved.medians(warm[1]),
        Interleaved.medianRatio(warm[1], 0, 1), Interleaved.medianRatio(warm[1], 2, 1), "%.0f");
    double[][][] cold = Interleaved.rounds(s.coldSamples(), 3, 3, c -> BuildFigures.cold(c, material, url));
    String[] names = {"build, cold: first in a fresh JVM (ms)", "build, cold (allocated KiB)",
        "build, cold (classes loaded by the JVM)"};
    String[] formats = {"%.1f", "%.0f", "%.0f"};
    for (int f = 0; f < 3; f++) {
      report.ratios(names[f], what, Interleaved.medians(cold[f]), Interleaved.medianRatio(cold[f], 0, 1),
          Interleaved.medianRatio(cold[f], 2, 1), formats[f]);
    }
    for (Identity identity : Identity.values()) {
      boolean bareReads = identity == Identity.NONE || identity == Identity.PKCS8;
      report.add(new Report.Row("BouncyCastle classes loaded by a cold build (of all classes)", identity.label,
          BuildFigures.bouncyCastleClasses(true, identity, material, url),
          bareReads ? BuildFigures.bouncyCastleClasses(false, identity, material, url) : "n/a", "", "", ""));
    }
  }

  private static void memory(Path material, String url, Settings s, Report report) throws Exception {
    OUT.println("Retained heap per client (fresh JVMs, serial GC):");
    String[] kinds = {"secured", "bare", "bare"};
    for (String state : List.of("built", "used")) {
      double[][][] r = Interleaved.rounds(s.memorySamples(), 3, 1, c -> new double[] {Double.parseDouble(
          ChildJvm.run(List.of("-XX:+UseSerialGC", "-Xms256m", "-Xmx256m"), RetainedHeap.class, kinds[c],
              Integer.toString(s.memoryClients()), state, material.toString(), url))});
      report.ratios("retained heap per idle client, " + (state.equals("built") ? "never used" : "after one request "
          + "(one pooled TLS connection)") + " (bytes)", "nginx stub, mutual TLS", Interleaved.medians(r[0]),
          Interleaved.medianRatio(r[0], 0, 1), Interleaved.medianRatio(r[0], 2, 1), "%.0f");
    }
  }
}
