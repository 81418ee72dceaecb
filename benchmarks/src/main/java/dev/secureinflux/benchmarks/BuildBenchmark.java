package dev.secureinflux.benchmarks;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.influxdb.InfluxDB;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * JMH: building a client from a PEM CA file and a PEM client chain and PKCS#8 key (read from disk each time), then
 * closing it; nothing is connected. {@link Main} runs each method in its own fork, interleaved, with the GC
 * profiler for the allocated bytes per build.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class BuildBenchmark {
  /** The {@link Material} directory. */
  @Param("")
  public String dir;

  /** The server URL the clients are built for (never connected). */
  @Param("")
  public String url;

  private Endpoint endpoint;

  /** Reads the parameters. */
  @Setup
  public void setUp() {
    endpoint = Identity.endpoint(Path.of(dir), url, true);
  }

  /** The secured client, through the public builder. */
  @Benchmark
  public InfluxDB secured() {
    InfluxDB client = Clients.secured(endpoint);
    client.close();
    return client;
  }

  /** Bare influxdb-java with a hand-built JDK {@code SSLContext}. */
  @Benchmark
  public InfluxDB bare() {
    InfluxDB client = Clients.bare(endpoint);
    client.close();
    return client;
  }

  /** The same as {@link #bare()}: the noise control. */
  @Benchmark
  public InfluxDB control() {
    InfluxDB client = Clients.bare(endpoint);
    client.close();
    return client;
  }
}
