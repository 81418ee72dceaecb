package dev.secureinflux;

import dev.secureinflux.auth.Credentials;
import dev.secureinflux.testkit.InfluxServer;
import dev.secureinflux.tls.TrustMaterial;
import java.security.KeyStore;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import okhttp3.OkHttpClient;
import org.influxdb.InfluxDB;
import org.influxdb.InfluxDBFactory;
import org.influxdb.dto.BatchPoints;
import org.influxdb.dto.Point;
import org.influxdb.dto.Query;

/**
 * Write throughput of the secured client against bare influxdb-java, on the same HTTPS {@link InfluxServer}, in
 * one run: batches of 100 points, rounds in rotating order, bounded in rounds and time. A second bare client is
 * measured the same way as a noise control: its ratio to the first shows how far two identical clients differ.
 *
 * <p>Arguments (optional): rounds (default 8), batches per round (default 100), time limit in seconds
 * (default 180). Prints points/s of each client per round, the medians, and the ratio secured / bare.
 */
public final class WriteThroughputBenchmark {
  private static final int POINTS_PER_BATCH = 100;

  private WriteThroughputBenchmark() {}

  public static void main(String[] args) throws Exception {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 8;
    int batches = args.length > 1 ? Integer.parseInt(args[1]) : 100;
    long limitNanos = TimeUnit.SECONDS.toNanos(args.length > 2 ? Long.parseLong(args[2]) : 180);
    try (InfluxServer server = InfluxServer.start();
        InfluxDB secured = SecureInflux.builder().url(server.url())
            .credentials(Credentials.basic(server.adminUser(), server.adminPassword()))
            .trust(TrustMaterial.pem(server.caPem())).build();
        InfluxDB bare = InfluxDBFactory.connect(server.url(), server.adminUser(),
            new String(server.adminPassword()), bareOkHttp(server));
        InfluxDB control = InfluxDBFactory.connect(server.url(), server.adminUser(),
            new String(server.adminPassword()), bareOkHttp(server))) {
      secured.query(new Query("CREATE DATABASE bench"));
      InfluxDB[] clients = {secured, bare, control};
      String[] names = {"secured", "bare", "control"};
      long[] clock = {0};
      for (int c = 0; c < clients.length; c++) {
        run(clients[c], names[c], 10, clock); // Warm-up: connection, TLS handshake, JIT.
      }
      double[][] rates = new double[clients.length][rounds];
      long start = System.nanoTime();
      int done = 0;
      for (int r = 0; r < rounds && System.nanoTime() - start < limitNanos; r++) {
        for (int k = 0; k < clients.length; k++) {
          int c = (k + r) % clients.length; // Rotate the order every round.
          rates[c][r] = run(clients[c], names[c], batches, clock);
        }
        done++;
        System.out.printf(Locale.ROOT, "round %d: secured %.0f, bare %.0f, control %.0f points/s%n", r + 1,
            rates[0][r], rates[1][r], rates[2][r]);
      }
      double s = median(Arrays.copyOf(rates[0], done));
      double b = median(Arrays.copyOf(rates[1], done));
      double c = median(Arrays.copyOf(rates[2], done));
      System.out.printf(Locale.ROOT, "%d rounds x %d batches x %d points, HTTPS %s%n", done, batches,
          POINTS_PER_BATCH, server.url());
      System.out.printf(Locale.ROOT, "median points/s: secured %.0f, bare influxdb-java %.0f, second bare client "
          + "(noise control) %.0f%n", s, b, c);
      System.out.printf(Locale.ROOT, "ratio secured/bare %.3f (control/bare %.3f)%n", s / b, c / b);
    }
  }

  /** Writes {@code batches} batches of 100 points; returns points per second. */
  private static double run(InfluxDB db, String measurement, int batches, long[] clock) {
    long start = System.nanoTime();
    for (int i = 0; i < batches; i++) {
      BatchPoints.Builder batch = BatchPoints.database("bench");
      for (int p = 0; p < POINTS_PER_BATCH; p++) {
        batch.point(Point.measurement(measurement).tag("host", "h" + (p % 10)).addField("v", p)
            .addField("w", clock[0] * 0.5).time(++clock[0], TimeUnit.MICROSECONDS).build());
      }
      db.write(batch.build());
    }
    return batches * (double) POINTS_PER_BATCH / ((System.nanoTime() - start) / 1e9);
  }

  private static double median(double[] values) {
    double[] sorted = values.clone(); // Defensive copy.
    Arrays.sort(sorted);
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }

  /** OkHttp with a JDK SSLContext trusting the test CA, as a user of bare influxdb-java would set it up. */
  private static OkHttpClient.Builder bareOkHttp(InfluxServer server) throws Exception {
    KeyStore trust = KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    trust.setCertificateEntry("ca", server.ca().certificate());
    TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(trust);
    X509TrustManager tm = (X509TrustManager) tmf.getTrustManagers()[0];
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, new javax.net.ssl.TrustManager[] {tm}, null);
    return new OkHttpClient.Builder().sslSocketFactory(context.getSocketFactory(), tm);
  }
}
