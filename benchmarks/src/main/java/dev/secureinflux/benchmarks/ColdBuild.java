package dev.secureinflux.benchmarks;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import org.influxdb.InfluxDB;

/**
 * Run in a fresh JVM: builds one client and prints the nanoseconds the build took, the bytes this thread allocated
 * during it and the classes the JVM has loaded by then. Arguments: {@code secured|bare}, an {@link Identity} name,
 * the {@link Material} directory, the URL (never connected). The bare client reads PKCS#8 only.
 */
public final class ColdBuild {
  private ColdBuild() {}

  public static void main(String[] args) {
    boolean secured = args[0].equals("secured");
    Identity identity = Identity.valueOf(args[1]);
    Path dir = Path.of(args[2]);
    String url = args[3];
    if (!secured && identity != Identity.NONE && identity != Identity.PKCS8) {
      throw new IllegalArgumentException("the hand-built bare client reads PEM PKCS#8 only, not " + identity);
    }
    com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    long bytes = threads.getCurrentThreadAllocatedBytes();
    long start = System.nanoTime();
    InfluxDB client = secured
        ? Clients.secured(Identity.endpoint(dir, url, false), identity.material(dir))
        : Clients.bare(Identity.endpoint(dir, url, identity == Identity.PKCS8));
    long nanos = System.nanoTime() - start;
    bytes = threads.getCurrentThreadAllocatedBytes() - bytes;
    int classes = ManagementFactory.getClassLoadingMXBean().getLoadedClassCount();
    client.close();
    System.out.println(nanos + " " + bytes + " " + classes);
    System.exit(0);
  }
}
