package dev.secureinflux.testkit.internal;

import dev.secureinflux.testkit.TestkitException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/** Reloading a running nginx, and checking the upstream URLs the proxy may forward to. */
public final class NginxControl {
  private static final int LOG_LINES = 30;

  private NginxControl() {}

  /**
   * Runs {@code nginx -s reload} (HUP to the master named in the config's pid file) with the proxy's prefix, config
   * and error log, and waits (at most 10 s) for it to exit.
   *
   * @throws TestkitException if it fails or does not finish; quotes its output and the error log
   */
  public static void reload(Path nginx, Path dir, Path config, Path log) {
    Path output = dir.resolve("reload.log");
    List<String> command = List.of(nginx.toString(), "-p", dir.toString(), "-c", config.toString(),
        "-e", log.toString(), "-s", "reload");
    try {
      Process reload = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
          .redirectOutput(output.toFile()).start();
      if (!reload.waitFor(10, TimeUnit.SECONDS)) {
        reload.destroyForcibly();
        throw new TestkitException("nginx -s reload did not finish within 10 s; last log lines:\n"
            + ManagedProcess.tail(log, LOG_LINES));
      }
      if (reload.exitValue() != 0) {
        throw new TestkitException("nginx -s reload failed (exit " + reload.exitValue() + "): "
            + ManagedProcess.tail(output, LOG_LINES) + "\nlast log lines:\n" + ManagedProcess.tail(log, LOG_LINES));
      }
    } catch (IOException e) {
      throw new TestkitException("cannot run nginx -s reload: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TestkitException("interrupted while running nginx -s reload", e);
    }
  }

  /**
   * Waits until every one of {@code oldWorkers} has exited (until then they share the listening socket with the new
   * workers and may still accept connections with the old certificate; nginx lets them finish requests in flight,
   * for at most its {@code worker_shutdown_timeout}), then until a new TLS connection to {@code 127.0.0.1:port} gets
   * {@code expected} as the server certificate; polls every 50 ms.
   *
   * @throws TestkitException if that does not happen within {@code timeout}; quotes the error log
   */
  public static void awaitCertificate(int port, X509Certificate expected, List<ProcessHandle> oldWorkers,
      Duration timeout, Path log) {
    SSLContext exact = ExactTrust.context(expected, null, null);
    long deadline = System.nanoTime() + timeout.toNanos();
    String last = "(not probed yet)";
    while (System.nanoTime() - deadline < 0) {
      List<Long> running = oldWorkers.stream().filter(ProcessHandle::isAlive).map(ProcessHandle::pid).toList();
      if (!running.isEmpty()) {
        last = "old worker processes " + running + " still running";
      } else {
        try (SSLSocket socket = (SSLSocket) exact.getSocketFactory().createSocket()) {
          socket.connect(new InetSocketAddress(InetAddress.getByAddress(new byte[] {127, 0, 0, 1}), port), 2000);
          socket.setSoTimeout(2000);
          socket.startHandshake();
          return;
        } catch (IOException e) {
          last = e.toString();
        }
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new TestkitException("interrupted while waiting for nginx to serve the new certificate", e);
      }
    }
    throw new TestkitException("nginx on 127.0.0.1:" + port + " still did not present the new certificate "
        + expected.getSubjectX500Principal() + " within " + timeout.toSeconds() + " s of nginx -s reload (last: "
        + last + "); last log lines:\n" + ManagedProcess.tail(log, LOG_LINES));
  }

  /**
   * {@code url} reduced to {@code scheme://host:port}, checked to be {@code localhost} or {@code 127.0.0.1} with a
   * port and nothing else. Messages never echo it whole (user info could hold a password).
   *
   * @throws IllegalArgumentException if it is not such a URL
   */
  public static URI loopbackUrl(String url, String scheme) {
    Objects.requireNonNull(url, "url == null");
    String expected = "upstream url must be " + scheme + "://localhost:PORT or " + scheme
        + "://127.0.0.1:PORT (loopback only, no path, user info, query or fragment)";
    URI uri;
    try {
      uri = new URI(url);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException(expected + ": cannot parse it as a URI (" + e.getReason() + " at index "
          + e.getIndex() + ")");
    }
    boolean loopback = "localhost".equalsIgnoreCase(uri.getHost()) || "127.0.0.1".equals(uri.getHost());
    boolean bare = (uri.getRawPath() == null || uri.getRawPath().isEmpty() || uri.getRawPath().equals("/"))
        && uri.getRawQuery() == null && uri.getRawFragment() == null && uri.getRawUserInfo() == null;
    if (!scheme.equals(uri.getScheme()) || !loopback || uri.getPort() < 1 || !bare) {
      throw new IllegalArgumentException(expected + ": got scheme " + uri.getScheme() + ", host " + uri.getHost()
          + ", port " + uri.getPort() + (bare ? "" : ", and a path, user info, query or fragment"));
    }
    return URI.create(scheme + "://" + uri.getHost() + ":" + uri.getPort());
  }
}
