package dev.secureinflux.testkit;

import dev.secureinflux.testkit.internal.Executables;
import dev.secureinflux.testkit.internal.FreePorts;
import dev.secureinflux.testkit.internal.Http;
import dev.secureinflux.testkit.internal.ManagedProcess;
import dev.secureinflux.testkit.internal.NginxConfig;
import dev.secureinflux.testkit.internal.Readiness;
import dev.secureinflux.testkit.internal.Reaper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * nginx (Debian package {@code nginx}) on loopback terminating TLS and requiring a client certificate
 * ({@code ssl_verify_client on}) from a test CA, proxying to an {@link InfluxServer}: the mutual-TLS peer that
 * InfluxDB 1.x cannot be itself.
 *
 * <h2>Secure defaults</h2>
 * Listens on {@code 127.0.0.1:<free port>} only, TLS 1.2 and 1.3, its own {@code localhost} server certificate
 * from a fresh root CA ({@link #serverCa()}), client certificates checked against {@link #clientCa()}. An HTTPS
 * upstream is verified ({@code proxy_ssl_verify on}, name {@code localhost}, the upstream's CA); a plain-HTTP
 * upstream is reached on 127.0.0.1. Requests without a valid client certificate get nginx's 400
 * ("No required SSL certificate was sent" / "The SSL certificate error") and never reach InfluxDB.
 *
 * <pre>{@code
 * try (InfluxServer influx = InfluxServer.start(); MtlsProxy proxy = MtlsProxy.start(influx)) {
 *   TestCertificate client = proxy.newClientCertificate("app");
 *   // connect to proxy.url(), trusting proxy.serverCaPem(), presenting client
 * }
 * }</pre>
 *
 * <p>nginx runs in the foreground ({@code daemon off}) with its config, pid, logs and temp paths in its own temp
 * directory; {@link #close()} stops it and deletes the directory, and a JVM shutdown hook does the same for a
 * proxy never closed. {@code toString()} never contains secrets.
 */
public final class MtlsProxy implements AutoCloseable {
  private static final int LOG_LINES = 30;
  private static final int START_ATTEMPTS = 5;

  private final InfluxServer upstream;
  private final Path dir;
  private final Path log;
  private final TestCertificate serverCa;
  private final TestCertificate serverCertificate;
  private final TestCertificate clientCa;
  private final Path serverCaPem;
  private final Path clientCaPem;
  private ManagedProcess process;
  private int port;
  private volatile boolean closed;

  private MtlsProxy(Builder builder, Path dir) {
    this.upstream = builder.upstream;
    this.dir = dir;
    this.log = dir.resolve("nginx.log");
    this.serverCa = builder.serverCa != null ? builder.serverCa : TestCertificate.newRootCa("secureinflux test nginx CA");
    this.serverCertificate = builder.serverCertificate != null
        ? builder.serverCertificate
        : TestCertificate.builder().issuer(serverCa).localhostServer().build();
    this.clientCa = builder.clientCa != null ? builder.clientCa
        : TestCertificate.newRootCa("secureinflux test client CA");
    this.serverCaPem = serverCa.writeCertificatePem(dir.resolve("server-ca.pem"));
    this.clientCaPem = clientCa.writeCertificatePem(dir.resolve("client-ca.pem"));
  }

  /** A builder; {@link Builder#upstream(InfluxServer)} is required. */
  public static Builder builder() {
    return new Builder();
  }

  /** Starts a proxy in front of {@code upstream} with a generated server certificate and client CA. */
  public static MtlsProxy start(InfluxServer upstream) {
    Objects.requireNonNull(upstream, "upstream == null");
    return builder().upstream(upstream).start();
  }

  /** {@code https://localhost:PORT}. */
  public String url() {
    return "https://localhost:" + port;
  }

  /** The port on 127.0.0.1. */
  public int port() {
    return port;
  }

  /** The InfluxDB server requests are proxied to. */
  public InfluxServer upstream() {
    return upstream;
  }

  /** The root CA that issued nginx's server certificate: clients trust this. */
  public TestCertificate serverCa() {
    return serverCa;
  }

  /** {@link #serverCa()} as a PEM file. */
  public Path serverCaPem() {
    return serverCaPem;
  }

  /** The certificate nginx presents (SANs localhost, 127.0.0.1, ::1 unless one was given). */
  public TestCertificate serverCertificate() {
    return serverCertificate;
  }

  /** The CA nginx requires client certificates from ({@code ssl_client_certificate}); issue clients with it. */
  public TestCertificate clientCa() {
    return clientCa;
  }

  /** {@link #clientCa()} as a PEM file. */
  public Path clientCaPem() {
    return clientCaPem;
  }

  /** A new client certificate from {@link #clientCa()}: EC P-256, EKU clientAuth, CN {@code commonName}. */
  public TestCertificate newClientCertificate(String commonName) {
    return newClientCertificate(commonName, TestCertificate.KeyType.EC_P256);
  }

  /** A new client certificate from {@link #clientCa()} with {@code keyType}, EKU clientAuth. */
  public TestCertificate newClientCertificate(String commonName, TestCertificate.KeyType keyType) {
    Objects.requireNonNull(commonName, "commonName == null");
    Objects.requireNonNull(keyType, "keyType == null");
    return TestCertificate.builder().issuer(clientCa).commonName(commonName).keyType(keyType).clientAuth().build();
  }

  /** The proxy's own directory (config, certificates, logs, temp paths); deleted by {@link #close()}. */
  public Path tempDir() {
    return dir;
  }

  /** The generated {@code nginx.conf}. */
  public Path configFile() {
    return dir.resolve("nginx.conf");
  }

  /** Whether nginx is running: started, not closed, and not exited. */
  public boolean isRunning() {
    return !closed && process != null && process.isAlive();
  }

  /** The process id of the nginx master. */
  public long pid() {
    return process.pid();
  }

  /** The last lines of nginx's error log (and stderr), for failure messages. */
  public String logTail() {
    return ManagedProcess.tail(log, LOG_LINES);
  }

  /** Stops nginx (TERM, then KILL after 10 s; workers too) and deletes {@link #tempDir()}. Idempotent. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      if (process != null) {
        process.stop();
      }
    } finally {
      ManagedProcess.deleteTree(dir);
      Reaper.unregister(this);
    }
  }

  /** Format unspecified; never contains secrets. */
  @Override
  public String toString() {
    return "MtlsProxy[" + (port == 0 ? "not started" : url()) + " -> " + upstream.url() + (closed ? ", closed" : "")
        + "]";
  }

  private void launch(Path nginx, Duration timeout) throws IOException {
    serverCertificate.writeChainPem(dir.resolve("server.pem"));
    serverCertificate.writePrivateKeyPem(dir.resolve("server-key.pem"));
    Files.createDirectories(dir.resolve("tmp"));
    Path upstreamCa = upstream.httpsEnabled() ? upstream.caPem() : null;
    TestCertificate prober = newClientCertificate("secureinflux testkit readiness probe");
    HttpClient http = Http.client(TestTls.clientContext(serverCa, prober));
    for (int attempt = 1; ; attempt++) {
      port = FreePorts.pick();
      Path config = configFile();
      Files.writeString(config, NginxConfig.render(dir, port, runsAsRoot(), upstream.port(), upstreamCa),
          StandardCharsets.UTF_8);
      process = ManagedProcess.start("nginx", List.of(nginx.toString(), "-p", dir.toString(), "-c",
          config.toString(), "-e", log.toString(), "-g", "daemon off; master_process on;"), dir, log);
      URI ping = URI.create(url() + "/ping");
      Readiness.Outcome outcome = Readiness.await(process, () -> Http.probe(http, ping), "204",
          "GET " + ping + " (with a client certificate, through to " + upstream.url() + ")", log, timeout);
      if (outcome == Readiness.Outcome.READY) {
        return;
      }
      process.stop();
      if (attempt == START_ATTEMPTS) {
        throw new ServerStartException("nginx could not bind a free port on 127.0.0.1 in " + START_ATTEMPTS
            + " attempts; last log lines:\n" + logTail());
      }
    }
  }

  private static boolean runsAsRoot() {
    try {
      return Integer.valueOf(0).equals(Files.getAttribute(Path.of("/proc/self"), "unix:uid"));
    } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
      return "root".equals(System.getProperty("user.name"));
    }
  }

  /**
   * Configures and starts an {@link MtlsProxy}. Defaults: a fresh server CA and localhost certificate, a fresh
   * client CA, {@code nginx} from {@code PATH} or {@code /usr/sbin/nginx}, 30 s start timeout. Not thread-safe.
   */
  public static final class Builder {
    private InfluxServer upstream;
    private TestCertificate serverCertificate;
    private TestCertificate serverCa;
    private TestCertificate clientCa;
    private Path executable;
    private Duration startTimeout = Duration.ofSeconds(30);

    private Builder() {}

    /** The running InfluxDB server to proxy to (HTTPS or plain HTTP); required. */
    public Builder upstream(InfluxServer upstream) {
      this.upstream = Objects.requireNonNull(upstream, "upstream == null");
      return this;
    }

    /**
     * The CA client certificates must come from; default a fresh root CA. A CA, not a leaf: nginx would
     * otherwise refuse every client.
     *
     * @throws IllegalArgumentException if {@code clientCa} is not a CA certificate
     */
    public Builder clientCa(TestCertificate clientCa) {
      Objects.requireNonNull(clientCa, "clientCa == null");
      if (clientCa.certificate().getBasicConstraints() < 0) {
        throw new IllegalArgumentException("clientCa " + clientCa.certificate().getSubjectX500Principal()
            + " is not a CA certificate: build it with TestCertificate.builder().ca()");
      }
      this.clientCa = clientCa;
      return this;
    }

    /**
     * The certificate nginx presents, and the CA {@link MtlsProxy#serverCa()} reports; default a fresh root CA
     * and a localhost leaf.
     *
     * @throws IllegalArgumentException if {@code certificate} was not issued under {@code ca}
     */
    public Builder serverCertificate(TestCertificate certificate, TestCertificate ca) {
      Objects.requireNonNull(certificate, "certificate == null");
      Objects.requireNonNull(ca, "ca == null");
      if (!certificate.chainWithRoot().contains(ca.certificate())) {
        throw new IllegalArgumentException("serverCertificate " + certificate.certificate().getSubjectX500Principal()
            + " was not issued under ca " + ca.certificate().getSubjectX500Principal()
            + ": issue it with TestCertificate.builder().issuer(ca)");
      }
      this.serverCertificate = certificate;
      this.serverCa = ca;
      return this;
    }

    /** The {@code nginx} binary; default the first on {@code PATH}, else {@code /usr/sbin/nginx}. */
    public Builder executable(Path nginx) {
      this.executable = Objects.requireNonNull(nginx, "nginx == null");
      return this;
    }

    /** How long to wait for {@code /ping} through the proxy to answer 204; default 30 s. */
    public Builder startTimeout(Duration timeout) {
      Objects.requireNonNull(timeout, "timeout == null");
      if (timeout.isNegative() || timeout.isZero()) {
        throw new IllegalArgumentException("startTimeout must be positive: " + timeout);
      }
      this.startTimeout = timeout;
      return this;
    }

    /**
     * Starts nginx and waits until {@code /ping} answers 204 through it with a client certificate.
     *
     * @throws IllegalStateException if no upstream was given, or it is not running
     * @throws ExecutableNotFoundException if {@code nginx} is not installed (names the Debian package)
     * @throws ServerStartException if it exits or does not answer in time (quotes its log)
     */
    public MtlsProxy start() {
      if (upstream == null) {
        throw new IllegalStateException("upstream(InfluxServer) is required: the proxy needs a server to forward to");
      }
      if (!upstream.isRunning()) {
        throw new IllegalStateException("upstream " + upstream + " is not running: start it before the proxy");
      }
      Path nginx = executable != null
          ? Executables.require(executable, "nginx")
          : Executables.find("nginx", System.getenv("PATH"), Path.of("/usr/sbin/nginx"), "nginx");
      Path dir;
      try {
        dir = Files.createTempDirectory("secureinflux-nginx-");
      } catch (IOException e) {
        throw new UncheckedIOException("cannot create a temp directory for nginx", e);
      }
      MtlsProxy proxy;
      try {
        proxy = new MtlsProxy(this, dir);
      } catch (RuntimeException | Error e) {
        ManagedProcess.deleteTree(dir);
        throw e;
      }
      Reaper.register(proxy);
      try {
        proxy.launch(nginx, startTimeout);
        return proxy;
      } catch (IOException e) {
        proxy.close();
        throw new UncheckedIOException("cannot write the nginx config in " + dir, e);
      } catch (RuntimeException | Error e) {
        proxy.close();
        throw e;
      }
    }
  }
}
