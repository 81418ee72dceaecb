package dev.secureinflux.testkit;

import dev.secureinflux.testkit.internal.ExactTrust;
import dev.secureinflux.testkit.internal.Executables;
import dev.secureinflux.testkit.internal.FreePorts;
import dev.secureinflux.testkit.internal.Http;
import dev.secureinflux.testkit.internal.ManagedProcess;
import dev.secureinflux.testkit.internal.NginxControl;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * nginx (Debian package {@code nginx}) on loopback terminating TLS and, by default, requiring a client certificate
 * ({@code ssl_verify_client on}) from a test CA, proxying to an {@link InfluxServer} or another loopback URL: the
 * mutual-TLS peer that InfluxDB 1.x cannot be itself.
 *
 * <h2>Secure defaults</h2>
 * Listens on {@code 127.0.0.1:<free port>} only, TLS 1.2 and 1.3, its own {@code localhost} server certificate
 * from a fresh root CA ({@link #serverCa()}), client certificates checked against {@link #clientCa()}. An HTTPS
 * upstream is verified ({@code proxy_ssl_verify on}, name {@code localhost}, the upstream's CA); a plain-HTTP
 * upstream is reached on 127.0.0.1. Requests without a valid client certificate get nginx's 400
 * ("No required SSL certificate was sent" / "The SSL certificate error") and never reach InfluxDB.
 *
 * <h2>Variants</h2>
 * {@link Builder#clientAuth(ClientAuth)} asks for a client certificate without requiring one, or not at all (a
 * plain TLS terminator); {@link Builder#allowPaths(String...)} forwards only some paths, like influxdb-relay
 * ({@code allowPaths("/write")}); {@link #reloadServerCertificate(TestCertificate)} swaps the certificate under a
 * running proxy; {@link #accessLog()} tells which client certificate each request came with, and over which
 * connection and TLS handshake (full or resumed). {@link Builder#stub()} makes nginx answer by itself, at once,
 * with no upstream: a server that costs a client almost nothing, for benchmarks of the client's own cost;
 * {@link Builder#keepaliveRequests(int)} sets how many requests nginx serves on one connection before closing it.
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
  /** Whether nginx asks clients for a certificate ({@code ssl_verify_client}). */
  public enum ClientAuth {
    /** {@code on}: a certificate from {@link #clientCa()} is required; without one, 400. The default. */
    REQUIRED("on"),
    /** {@code optional}: nginx asks for one and accepts requests without; one from another CA still gets 400. */
    OPTIONAL("optional"),
    /** {@code off}: nginx never asks; a plain TLS terminator. */
    NONE("off");

    private final String directive;

    ClientAuth(String directive) {
      this.directive = directive;
    }
  }

  private static final int LOG_LINES = 30;
  private static final int START_ATTEMPTS = 5;
  private static final Pattern SAFE_PATH = Pattern.compile("/[A-Za-z0-9/_.-]*");

  private final InfluxServer upstream;
  private final URI upstreamUrl;
  private final TestCertificate upstreamCa;
  private final ClientAuth clientAuth;
  private final List<String> allowPaths;
  private final boolean stub;
  private final int keepaliveRequests;
  private final Path executable;
  private final Duration startTimeout;
  private final Path dir;
  private final Path log;
  private final Path accessLog;
  private final TestCertificate clientCa;
  private final Path serverCaPem;
  private final Path clientCaPem;
  private volatile TestCertificate serverCa;
  private volatile TestCertificate serverCertificate;
  private ManagedProcess process;
  private int port;
  private volatile boolean closed;

  private MtlsProxy(Builder builder, Path dir, Path executable) {
    this.upstream = builder.upstream;
    this.upstreamUrl = upstream != null ? URI.create(upstream.url()) : builder.upstreamUrl;
    this.upstreamCa = upstream != null ? (upstream.httpsEnabled() ? upstream.ca() : null) : builder.upstreamCa;
    this.clientAuth = builder.clientAuth;
    this.allowPaths = List.copyOf(builder.allowPaths);
    this.stub = builder.stub;
    this.keepaliveRequests = builder.keepaliveRequests;
    this.executable = executable;
    this.startTimeout = builder.startTimeout;
    this.dir = dir;
    this.log = dir.resolve("nginx.log");
    this.accessLog = dir.resolve("access.log");
    this.serverCa = builder.serverCa != null ? builder.serverCa : TestCertificate.newRootCa("secureinflux test nginx CA");
    this.serverCertificate = builder.serverCertificate != null
        ? builder.serverCertificate
        : TestCertificate.builder().issuer(serverCa).localhostServer().build();
    this.clientCa = builder.clientCa != null ? builder.clientCa
        : TestCertificate.newRootCa("secureinflux test client CA");
    this.serverCaPem = serverCa.writeCertificatePem(dir.resolve("server-ca.pem"));
    this.clientCaPem = clientCa.writeCertificatePem(dir.resolve("client-ca.pem"));
  }

  /** A builder; {@link Builder#upstream(InfluxServer)} (or an upstream URL, or {@link Builder#stub()}) is required. */
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

  /**
   * The InfluxDB server requests are proxied to.
   *
   * @throws IllegalStateException if the proxy was built with an upstream URL instead, or is a {@link Builder#stub()}
   */
  public InfluxServer upstream() {
    requireUpstream("upstream()");
    if (upstream == null) {
      throw new IllegalStateException("upstream() has no value: this MtlsProxy forwards to " + upstreamUrl
          + ", not to an InfluxServer; use upstreamUrl()");
    }
    return upstream;
  }

  /**
   * The URL requests are proxied to: the {@link InfluxServer}'s, or the one given to the builder.
   *
   * @throws IllegalStateException if the proxy is a {@link Builder#stub()}
   */
  public String upstreamUrl() {
    requireUpstream("upstreamUrl()");
    return upstreamUrl.toString();
  }

  /** Whether nginx answers by itself, with no upstream ({@link Builder#stub()}). */
  public boolean isStub() {
    return stub;
  }

  /** Whether and how nginx asks for client certificates; default {@link ClientAuth#REQUIRED}. */
  public ClientAuth clientAuth() {
    return clientAuth;
  }

  /** The root CA that issued nginx's server certificate: clients trust this. */
  public TestCertificate serverCa() {
    return serverCa;
  }

  /** {@link #serverCa()} as a PEM file (rewritten when a reload brings a new CA). */
  public Path serverCaPem() {
    return serverCaPem;
  }

  /** The certificate nginx presents (SANs localhost, 127.0.0.1, ::1 unless one was given or reloaded). */
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

  /**
   * Every request nginx logged since {@link Builder#start()} returned (the readiness probe is left out), oldest
   * first, with the client certificate each came with. nginx writes a request's line just after sending its
   * response, so a test that has just read a response may have to poll for the line.
   *
   * @throws IllegalStateException if the proxy is closed
   */
  public List<AccessLogEntry> accessLog() {
    requireOpen("accessLog()");
    try {
      List<AccessLogEntry> out = new ArrayList<>();
      for (String line : Files.readAllLines(accessLog, StandardCharsets.UTF_8)) {
        out.add(AccessLogEntry.parse(line));
      }
      return List.copyOf(out);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read nginx access log " + accessLog, e);
    }
  }

  /**
   * Like {@link #reloadServerCertificate(TestCertificate, TestCertificate)} with a certificate issued under the
   * current {@link #serverCa()}, so clients that trust it carry on.
   *
   * @throws IllegalArgumentException if {@code certificate} was not issued under {@link #serverCa()}
   */
  public void reloadServerCertificate(TestCertificate certificate) {
    Objects.requireNonNull(certificate, "certificate == null");
    reloadServerCertificate(certificate, serverCa);
  }

  /**
   * Writes {@code certificate} (and {@code ca} to {@link #serverCaPem()}) over the running proxy's files, runs
   * {@code nginx -s reload} (HUP), and returns once the old worker processes have exited and a new TLS connection
   * gets the new certificate (within the builder's start timeout), so from then on every new connection gets it.
   * The port and master process stay; requests in flight on the old workers finish first (cut after 10 s,
   * {@code worker_shutdown_timeout}).
   *
   * @throws IllegalArgumentException if {@code certificate} was not issued under {@code ca}
   * @throws IllegalStateException if the proxy is closed or not running
   * @throws TestkitException if nginx refuses the reload or still serves the old certificate in time (quotes its
   *     log)
   */
  public synchronized void reloadServerCertificate(TestCertificate certificate, TestCertificate ca) {
    Objects.requireNonNull(certificate, "certificate == null");
    Objects.requireNonNull(ca, "ca == null");
    checkIssuedUnder(certificate, ca);
    requireOpen("reloadServerCertificate()");
    if (!process.isAlive()) {
      throw new IllegalStateException(this + " is not running: nginx exited; last log lines:\n" + logTail());
    }
    List<ProcessHandle> oldWorkers = ProcessHandle.of(process.pid()).map(m -> m.children().toList()).orElse(List.of());
    writeServerCertificate(certificate);
    ca.writeCertificatePem(serverCaPem);
    NginxControl.reload(executable, dir, configFile(), log);
    NginxControl.awaitCertificate(port, certificate.certificate(), oldWorkers, startTimeout, log);
    serverCertificate = certificate;
    serverCa = ca;
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
    return "MtlsProxy[" + (port == 0 ? "not started" : url()) + " -> " + (stub ? "stub answers" : upstreamUrl)
        + (closed ? ", closed" : "")
        + "]";
  }

  private void launch() throws IOException {
    writeServerCertificate(serverCertificate);
    Files.createDirectories(dir.resolve("tmp"));
    Path upstreamCaPem = upstreamCa != null ? upstreamCa.writeCertificatePem(dir.resolve("upstream-ca.pem")) : null;
    TestCertificate prober = newClientCertificate("secureinflux testkit readiness probe");
    HttpClient http = Http.client(ExactTrust.context(serverCertificate.certificate(),
        prober.keyPair().getPrivate(), prober.chain()));
    for (int attempt = 1; ; attempt++) {
      port = FreePorts.pick();
      Path config = configFile();
      Files.writeString(config, stub
          ? NginxConfig.renderStub(dir, port, runsAsRoot(), clientAuth.directive, keepaliveRequests)
          : NginxConfig.render(dir, port, runsAsRoot(), upstreamUrl.getPort(), upstreamCaPem, clientAuth.directive,
              allowPaths, keepaliveRequests), StandardCharsets.UTF_8);
      process = ManagedProcess.start("nginx", List.of(executable.toString(), "-p", dir.toString(), "-c",
          config.toString(), "-e", log.toString(), "-g", "daemon off; master_process on;"), dir, log);
      URI ping = URI.create(url() + "/ping");
      ManagedProcess started = process;
      Supplier<String> probe = () -> Http.probe(http, ping, started::isAlive);
      // Through to an InfluxServer or from the stub, /ping must answer 204; any other upstream, any status will do.
      Readiness.Outcome outcome = stub
          ? Readiness.await(started, probe, "204", "GET " + ping + " (with a client certificate, stub)", log,
              startTimeout)
          : upstream != null
          ? Readiness.await(started, probe, "204",
              "GET " + ping + " (with a client certificate, through to " + upstreamUrl + ")", log, startTimeout)
          : Readiness.await(started, probe, s -> s.matches("\\d{3}"), "an HTTP status",
              "GET " + ping + " (with a client certificate)", log, startTimeout);
      if (outcome == Readiness.Outcome.READY) {
        Files.write(accessLog, new byte[0]); // nginx appends (O_APPEND): the next line lands at the start
        return;
      }
      process.stop();
      if (attempt == START_ATTEMPTS) {
        throw new ServerStartException("nginx could not bind a free port on 127.0.0.1 in " + START_ATTEMPTS
            + " attempts; last log lines:\n" + logTail());
      }
    }
  }

  private void writeServerCertificate(TestCertificate certificate) {
    certificate.writeChainPem(dir.resolve("server.pem"));
    certificate.writePrivateKeyPem(dir.resolve("server-key.pem"));
  }

  private void requireUpstream(String method) {
    if (stub) {
      throw new IllegalStateException(method + " has no value: this MtlsProxy is a stub that answers by itself");
    }
  }

  private void requireOpen(String method) {
    if (closed) {
      throw new IllegalStateException(this + " is closed: " + method + " needs an open proxy");
    }
  }

  private static void checkIssuedUnder(TestCertificate certificate, TestCertificate ca) {
    if (!certificate.chainWithRoot().contains(ca.certificate())) {
      throw new IllegalArgumentException("serverCertificate " + certificate.certificate().getSubjectX500Principal()
          + " was not issued under ca " + ca.certificate().getSubjectX500Principal()
          + ": issue it with TestCertificate.builder().issuer(ca)");
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
   * Configures and starts an {@link MtlsProxy}. Defaults: client certificates required, every path proxied, a
   * fresh server CA and localhost certificate, a fresh client CA, {@code nginx} from {@code PATH} or
   * {@code /usr/sbin/nginx}, 30 s start timeout. Not thread-safe.
   */
  public static final class Builder {
    private InfluxServer upstream;
    private URI upstreamUrl;
    private TestCertificate upstreamCa;
    private ClientAuth clientAuth = ClientAuth.REQUIRED;
    private List<String> allowPaths = List.of();
    private boolean stub;
    private int keepaliveRequests;
    private TestCertificate serverCertificate;
    private TestCertificate serverCa;
    private TestCertificate clientCa;
    private Path executable;
    private Duration startTimeout = Duration.ofSeconds(30);

    private Builder() {}

    /**
     * The running InfluxDB server to proxy to (HTTPS or plain HTTP); this or an upstream URL is required. The
     * proxy is ready once {@code /ping} answers 204 through it.
     */
    public Builder upstream(InfluxServer upstream) {
      this.upstream = Objects.requireNonNull(upstream, "upstream == null");
      this.upstreamUrl = null;
      this.upstreamCa = null;
      this.stub = false;
      return this;
    }

    /**
     * A plain-HTTP loopback server to proxy to instead of an {@link InfluxServer}: {@code http://127.0.0.1:PORT}
     * or {@code http://localhost:PORT} (always reached on 127.0.0.1). The proxy is ready once nginx answers
     * {@code /ping} with any status.
     *
     * @throws IllegalArgumentException if {@code url} is not such a URL
     */
    public Builder upstream(String url) {
      this.upstreamUrl = NginxControl.loopbackUrl(url, "http");
      this.upstreamCa = null;
      this.upstream = null;
      this.stub = false;
      return this;
    }

    /**
     * An HTTPS loopback server to proxy to instead of an {@link InfluxServer}: {@code https://localhost:PORT} (or
     * {@code 127.0.0.1}), reached on 127.0.0.1 and verified as {@code localhost} against {@code ca}.
     *
     * @throws IllegalArgumentException if {@code url} is not such a URL
     */
    public Builder upstream(String url, TestCertificate ca) {
      Objects.requireNonNull(ca, "ca == null");
      this.upstreamUrl = NginxControl.loopbackUrl(url, "https");
      this.upstreamCa = ca;
      this.upstream = null;
      this.stub = false;
      return this;
    }

    /**
     * No upstream: nginx answers every request itself, at once, after reading and discarding its body. {@code /ping}
     * and {@code /write} get 204, {@code /query} (any method, any statement) gets 200 with one series of one row,
     * {@code {"results":[{"statement_id":0,"series":[{"name":"one","columns":["time","v"],"values":[[
     * "2024-01-01T00:00:00Z",1]]}]}]}}, anything else 404 with a JSON {@code error}; every answer carries
     * {@code X-Influxdb-Version: stub}. Credentials are not checked. TLS and client certificates work as for the
     * proxy. The stub is ready once {@code /ping} answers 204. Replaces an upstream set earlier.
     */
    public Builder stub() {
      this.stub = true;
      this.upstream = null;
      this.upstreamUrl = null;
      this.upstreamCa = null;
      return this;
    }

    /**
     * How many requests nginx serves on one client connection before closing it ({@code keepalive_requests});
     * default nginx's own, 1000. {@code 1} closes every connection after its first request, so each request makes
     * a new TLS handshake (resumed, if the client offers a session nginx issued).
     *
     * @throws IllegalArgumentException if {@code requests} is less than 1
     */
    public Builder keepaliveRequests(int requests) {
      if (requests < 1) {
        throw new IllegalArgumentException("keepaliveRequests must be at least 1: " + requests);
      }
      this.keepaliveRequests = requests;
      return this;
    }

    /** Whether nginx asks for client certificates; default {@link ClientAuth#REQUIRED}. */
    public Builder clientAuth(ClientAuth mode) {
      this.clientAuth = Objects.requireNonNull(mode, "mode == null");
      return this;
    }

    /**
     * Forwards only these exact paths (query strings allowed), plus {@code /ping}, which the readiness probe needs
     * and influxdb-relay answers too; every other path gets 404 with a JSON {@code error}. Default: every path.
     * {@code allowPaths("/write")} behaves like influxdb-relay, which never relays {@code /query}.
     *
     * @throws IllegalArgumentException if a path does not start with {@code /} or holds characters other than
     *     letters, digits and {@code /_.-}
     */
    public Builder allowPaths(String... paths) {
      Objects.requireNonNull(paths, "paths == null");
      List<String> copy = List.of(paths.clone()); // Defensive copy; List.of refuses null elements.
      for (String path : copy) {
        if (!SAFE_PATH.matcher(path).matches()) {
          throw new IllegalArgumentException("allowPaths: " + path + " must start with / and hold only letters, "
              + "digits and /_.-");
        }
      }
      this.allowPaths = copy;
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
      checkIssuedUnder(certificate, ca);
      this.serverCertificate = certificate;
      this.serverCa = ca;
      return this;
    }

    /** The {@code nginx} binary; default the first on {@code PATH}, else {@code /usr/sbin/nginx}. */
    public Builder executable(Path nginx) {
      this.executable = Objects.requireNonNull(nginx, "nginx == null");
      return this;
    }

    /**
     * How long to wait for {@code /ping} through the proxy to answer, and for a reload to take effect; default
     * 30 s.
     */
    public Builder startTimeout(Duration timeout) {
      Objects.requireNonNull(timeout, "timeout == null");
      if (timeout.isNegative() || timeout.isZero()) {
        throw new IllegalArgumentException("startTimeout must be positive: " + timeout);
      }
      this.startTimeout = timeout;
      return this;
    }

    /**
     * Starts nginx and waits until {@code /ping} answers through it with a client certificate (204 from an
     * {@link InfluxServer} or the stub, any status from an upstream URL).
     *
     * @throws IllegalStateException if neither an upstream nor {@link #stub()} was given, {@link #stub()} comes with
     *     {@link #allowPaths(String...)}, or the {@link InfluxServer} is not running
     * @throws ExecutableNotFoundException if {@code nginx} is not installed (names the Debian package)
     * @throws ServerStartException if it exits or does not answer in time (quotes its log)
     */
    public MtlsProxy start() {
      if (upstream == null && upstreamUrl == null && !stub) {
        throw new IllegalStateException("upstream(InfluxServer) is required (or upstream(url) for another loopback "
            + "server, or stub() to answer without one): the proxy needs a server to forward to");
      }
      if (stub && !allowPaths.isEmpty()) {
        throw new IllegalStateException("stub() and allowPaths(..) cannot be used together: the stub forwards "
            + "nothing");
      }
      if (upstream != null && !upstream.isRunning()) {
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
        proxy = new MtlsProxy(this, dir, nginx);
      } catch (RuntimeException | Error e) {
        ManagedProcess.deleteTree(dir);
        throw e;
      }
      Reaper.register(proxy);
      try {
        proxy.launch();
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
