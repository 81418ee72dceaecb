package dev.secureinflux.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Names resolve from a hosts file that knows only {@code localhost} (127.0.0.1 and ::1), as in the test JVMs, so no
 * benchmark JVM can send a DNS query off the machine.
 */
final class Loopback {
  private static final String PROPERTY = "jdk.net.hosts.file";

  private Loopback() {}

  /**
   * Points this JVM's name lookups at the hosts file; must run before anything looks a name up (the JDK reads the
   * property once).
   */
  static void install() {
    if (System.getProperty(PROPERTY) != null) {
      return;
    }
    try {
      Path hosts = Files.createTempFile("secureinflux-bench-hosts", "");
      hosts.toFile().deleteOnExit();
      Files.writeString(hosts, "127.0.0.1 localhost\n::1 localhost\n", StandardCharsets.US_ASCII);
      System.setProperty(PROPERTY, hosts.toString());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the loopback hosts file", e);
    }
  }

  /** The same setting for a child JVM. */
  static String jvmArgument() {
    String hosts = System.getProperty(PROPERTY);
    if (hosts == null) {
      throw new IllegalStateException("Loopback.install() has not run");
    }
    return "-D" + PROPERTY + "=" + hosts;
  }
}
