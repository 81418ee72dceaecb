package dev.secureinflux.testkit;

import dev.secureinflux.testkit.internal.ExactTrust;
import dev.secureinflux.testkit.internal.Executables;
import dev.secureinflux.testkit.internal.FreePorts;
import dev.secureinflux.testkit.internal.Http;
import dev.secureinflux.testkit.internal.InfluxConfig;
import dev.secureinflux.testkit.internal.ManagedProcess;
import dev.secureinflux.testkit.internal.Readiness;
import dev.secureinflux.testkit.internal.Reaper;
import dev.secureinflux.testkit.internal.Secrets;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A real {@code influxd} (InfluxDB 1.x, Debian package {@code influxdb}) on loopback, in its own temp directory,
 * for tests and demos.
 *
 * <h2>Secure defaults</h2>
 * HTTP API on {@code 127.0.0.1:<free port>} with HTTPS (a {@link TestCertificate.Builder#localhostServer()} leaf from a
 * fresh root CA), {@code auth-enabled}, a random 48-character JWT {@code shared-secret}, the backup/RPC port on
 * {@code 127.0.0.1} too, reporting, monitor store, UDP, Graphite, collectd and OpenTSDB off. Once {@code GET /ping}
 * answers 204, the first admin user ({@link #adminUser()}, random password) is created by POST.
 * {@link Builder#https(boolean)}, {@link Builder#auth(boolean)}, {@link Builder#createAdmin(boolean)},
 * {@link Builder#debugEndpoints(boolean)} and {@link Builder#sharedSecret(char[])} give the weaker variants audit
 * tests need; {@link Builder#ca(TestCertificate)} and {@link Builder#serverCertificateValidity(Instant, Instant)}
 * choose the certificate's issuer and dates (an expired certificate is fine: {@code influxd} starts with it).
 *
 * <h2>Stop and restart</h2>
 * {@link #stop()} ends the process and keeps everything else; {@link #restart()} brings it back on the same ports
 * with the same directory, data, certificate, secrets and users, so a test can take the server away in the middle
 * of a write run. Several servers run side by side, each with its own ports and directory.
 *
 * <pre>{@code
 * try (InfluxServer influx = InfluxServer.start()) {
 *   influx.query("CREATE DATABASE metrics");
 *   String url = influx.url();          // https://localhost:PORT
 *   Path ca = influx.caPem();           // trust this
 * }
 * }</pre>
 *
 * <p>{@link #close()} stops the process and deletes the directory (also after {@link #stop()}); a JVM shutdown hook
 * does the same for servers never closed. In JUnit 5 use {@link InfluxServerExtension}. {@code toString()} never
 * contains secrets.
 *
 * <p>The testkit's own channel ({@link #query}, {@link #write}, the readiness probe) trusts exactly the server
 * certificate it configured, whatever its dates and names; the library under test gets no such shortcut.
 */
public final class InfluxServer implements AutoCloseable {
  private static final String ADMIN = "admin";
  private static final int LOG_LINES = 30;
  private static final int START_ATTEMPTS = 5;
  private static final Pattern STATEMENT_ERROR = Pattern.compile("\"statement_id\":\\d+,\"error\":");

  private final boolean https;
  private final boolean auth;
  private final boolean adminCreated;
  private final boolean debugEndpoints;
  private final Path dir;
  private final Path config;
  private final Path log;
  private final TestCertificate ca;
  private final TestCertificate serverCertificate;
  private final Path caPem;
  private final char[] adminPassword = Secrets.random(24);
  private final char[] sharedSecret;
  private final HttpClient http;
  private final Path executable;
  private final Duration startTimeout;
  private volatile ManagedProcess process;
  private volatile int port;
  private volatile int rpcPort;
  private volatile boolean closed;

  private InfluxServer(Builder builder, Path dir, Path executable) {
    this.https = builder.https;
    this.auth = builder.auth;
    this.adminCreated = builder.createAdmin;
    this.debugEndpoints = builder.debugEndpoints;
    this.executable = executable;
    this.startTimeout = builder.startTimeout;
    this.port = builder.port;
    this.dir = dir;
    this.config = dir.resolve("influxdb.conf");
    this.log = dir.resolve("influxd.log");
    this.sharedSecret = builder.sharedSecret != null ? builder.sharedSecret.clone() : Secrets.random(48);
    if (https) {
      if (builder.serverCertificate != null) {
        this.ca = builder.serverCertificateCa;
        this.serverCertificate = builder.serverCertificate;
      } else {
        this.ca = builder.issuer != null ? builder.issuer : TestCertificate.newRootCa("secureinflux test influxd CA");
        TestCertificate.Builder leaf = TestCertificate.builder().issuer(ca).localhostServer();
        if (builder.notBefore != null) {
          leaf.validity(builder.notBefore, builder.notAfter);
        }
        this.serverCertificate = leaf.build();
      }
      this.caPem = ca.writeCertificatePem(dir.resolve("ca.pem"));
      this.http = Http.client(ExactTrust.context(serverCertificate.certificate(), null, null));
    } else {
      this.ca = null;
      this.serverCertificate = null;
      this.caPem = null;
      this.http = Http.client(null);
    }
  }

  /** A builder with the defaults: HTTPS on, auth on, generated certificates and secrets. */
  public static Builder builder() {
    return new Builder();
  }

  /** Starts a server with the defaults (HTTPS and auth on); same as {@code builder().start()}. */
  public static InfluxServer start() {
    return builder().start();
  }

  /** {@code https://localhost:PORT}, or {@code http://127.0.0.1:PORT} with HTTPS off. */
  public String url() {
    return https ? "https://localhost:" + port : "http://127.0.0.1:" + port;
  }

  /** The HTTP API port on 127.0.0.1. */
  public int port() {
    return port;
  }

  /** The backup/RPC port (top-level {@code bind-address}) on 127.0.0.1. */
  public int rpcPort() {
    return rpcPort;
  }

  /** Whether the HTTP API speaks HTTPS. */
  public boolean httpsEnabled() {
    return https;
  }

  /** Whether {@code auth-enabled} is on. */
  public boolean authEnabled() {
    return auth;
  }

  /**
   * The root CA that issued the server certificate.
   *
   * @throws IllegalStateException if HTTPS is off
   */
  public TestCertificate ca() {
    requireHttps("ca()");
    return ca;
  }

  /**
   * {@link #ca()} as a PEM file inside {@link #tempDir()}.
   *
   * @throws IllegalStateException if HTTPS is off
   */
  public Path caPem() {
    requireHttps("caPem()");
    return caPem;
  }

  /**
   * The certificate {@code influxd} presents (SANs localhost, 127.0.0.1, ::1 unless one was given).
   *
   * @throws IllegalStateException if HTTPS is off
   */
  public TestCertificate serverCertificate() {
    requireHttps("serverCertificate()");
    return serverCertificate;
  }

  /** Whether {@code pprof-enabled} is on ({@code /debug/pprof/} answers); see {@link Builder#debugEndpoints}. */
  public boolean debugEndpointsEnabled() {
    return debugEndpoints;
  }

  /**
   * The admin user's name, {@code admin}; it has ALL PRIVILEGES.
   *
   * @throws IllegalStateException if the server was built with {@code createAdmin(false)}
   */
  public String adminUser() {
    requireAdmin("adminUser()");
    return ADMIN;
  }

  /**
   * The admin user's password; a fresh copy each call.
   *
   * @throws IllegalStateException if the server was built with {@code createAdmin(false)}
   */
  public char[] adminPassword() {
    requireAdmin("adminPassword()");
    return adminPassword.clone(); // Defensive copy.
  }

  /** The JWT shared secret configured in {@code [http] shared-secret}; a fresh copy each call. */
  public char[] sharedSecret() {
    return sharedSecret.clone(); // Defensive copy.
  }

  /** The server's own directory (config, certificates, meta, data, wal, log); deleted by {@link #close()}. */
  public Path tempDir() {
    return dir;
  }

  /** The generated {@code influxd} config file. */
  public Path configFile() {
    return config;
  }

  /** Whether {@code influxd} is running: started, not {@link #stop() stopped} or closed, and not exited. */
  public boolean isRunning() {
    ManagedProcess current = process;
    return !closed && current != null && current.isAlive();
  }

  /** The process id of {@code influxd} (of the last run after {@link #stop()}; a new one after {@link #restart()}). */
  public long pid() {
    return process.pid();
  }

  /** The last lines {@code influxd} wrote (stdout and stderr), for failure messages. */
  public String logTail() {
    return ManagedProcess.tail(log, LOG_LINES);
  }

  /**
   * Runs one InfluxQL statement as the admin user (basic auth when auth is on), sent as a POST form body, and
   * returns the JSON response. Built with {@code createAdmin(false)} it sends no credentials: before the first
   * admin exists, InfluxDB 1.x accepts only {@code CREATE USER ... WITH ALL PRIVILEGES} (and writes) from anyone.
   *
   * @throws AdminQueryException on a non-2xx status or an {@code "error"} in the JSON; the response is quoted
   *     unless the statement contains {@code PASSWORD}
   * @throws IllegalStateException if the server is closed, or stopped (call {@link #restart()})
   */
  public String query(String statement) {
    Objects.requireNonNull(statement, "statement == null");
    return query(null, statement);
  }

  /** Like {@link #query(String)}, with {@code db} set to {@code database}. */
  public String query(String database, String statement) {
    Objects.requireNonNull(statement, "statement == null");
    Map<String, String> form = new LinkedHashMap<>();
    form.put("q", statement);
    if (database != null) {
      form.put("db", database);
    }
    boolean secret = statement.toUpperCase(Locale.ROOT).contains("PASSWORD");
    return send("/query", "application/x-www-form-urlencoded", Http.form(form),
        secret ? "statement with a password" : statement, secret, true);
  }

  /**
   * Writes line protocol to {@code database} as the admin user.
   *
   * @throws AdminQueryException if {@code influxd} does not answer 204
   */
  public void write(String database, String lineProtocol) {
    Objects.requireNonNull(database, "database == null");
    Objects.requireNonNull(lineProtocol, "lineProtocol == null");
    send("/write?db=" + URLEncoder.encode(database, StandardCharsets.UTF_8), "text/plain; charset=utf-8",
        lineProtocol, "write to " + database, false, true);
  }

  /**
   * Stops {@code influxd} (TERM, then KILL after 10 s) and returns once it has exited; ports, directory, data,
   * certificate, secrets and users stay for {@link #restart()}. Idempotent while stopped.
   *
   * @throws IllegalStateException if the server is closed
   */
  public synchronized void stop() {
    requireOpen("stop()");
    process.stop();
  }

  /**
   * Starts {@code influxd} again (stopping it first if it runs) on the same port and RPC port, with the same
   * config, directory, data, certificate, secrets and users, and returns once {@code GET /ping} answers 204
   * (within the builder's start timeout). No admin is created again: the first one is still in the meta store.
   *
   * @throws IllegalStateException if the server is closed
   * @throws ServerStartException if another process took a port while it was stopped, or it exits or does not
   *     answer in time (quotes its log); the server stays stopped and {@link #close()} still cleans up
   */
  public synchronized void restart() {
    requireOpen("restart()");
    process.stop();
    if (run() != Readiness.Outcome.READY) {
      throw new ServerStartException("influxd could not bind 127.0.0.1:" + port + " or its RPC port " + rpcPort
          + " again: another process took it while influxd was stopped; last log lines:\n" + logTail());
    }
  }

  /**
   * Stops the process (TERM, then KILL after 10 s) and deletes {@link #tempDir()}, also after {@link #stop()}.
   * Idempotent.
   */
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
      Arrays.fill(adminPassword, '\0');
      ManagedProcess.deleteTree(dir);
      Reaper.unregister(this);
    }
  }

  /** Format unspecified; never contains secrets. */
  @Override
  public String toString() {
    return "InfluxServer[" + (process == null ? "not started" : url()) + ", auth " + (auth ? "on" : "off")
        + (adminCreated ? "" : ", no admin") + (closed ? ", closed" : process != null && !process.isAlive()
        ? ", stopped" : "") + "]";
  }

  private void launch() {
    Path certificate = null;
    Path key = null;
    if (https) {
      certificate = serverCertificate.writeChainPem(dir.resolve("server.pem"));
      key = serverCertificate.writePrivateKeyPem(dir.resolve("server-key.pem"));
    }
    int fixedPort = port;
    for (int attempt = 1; ; attempt++) {
      if (fixedPort != 0) {
        port = fixedPort;
        do {
          rpcPort = FreePorts.pick();
        } while (rpcPort == fixedPort);
      } else {
        int[] ports = FreePorts.pick(2);
        port = ports[0];
        rpcPort = ports[1];
      }
      write(config, InfluxConfig.render(dir, port, rpcPort, certificate, key, auth, sharedSecret, debugEndpoints));
      if (run() == Readiness.Outcome.READY) {
        return;
      }
      if (fixedPort != 0) {
        throw new ServerStartException("influxd could not bind 127.0.0.1:" + fixedPort + " (Builder.port("
            + fixedPort + ")): another process holds it; pick a free port or leave port() unset; last log lines:\n"
            + logTail());
      }
      if (attempt == START_ATTEMPTS) {
        throw new ServerStartException("influxd could not bind free ports on 127.0.0.1 in " + START_ATTEMPTS
            + " attempts; last log lines:\n" + logTail());
      }
    }
  }

  /** Starts the process on the configured ports and waits for {@code /ping}; stops it again unless ready. */
  private Readiness.Outcome run() {
    process = ManagedProcess.start("influxd", List.of(executable.toString(), "-config", config.toString()),
        dir, log, "INFLUXDB_");
    URI ping = URI.create(url() + "/ping");
    ManagedProcess started = process;
    Readiness.Outcome outcome = Readiness.await(started, () -> Http.probe(http, ping, started::isAlive), "204",
        "GET " + ping, log, startTimeout);
    if (outcome != Readiness.Outcome.READY) {
      process.stop();
    }
    return outcome;
  }

  private void createAdmin() {
    String statement = "CREATE USER \"" + ADMIN + "\" WITH PASSWORD '" + new String(adminPassword)
        + "' WITH ALL PRIVILEGES";
    send("/query", "application/x-www-form-urlencoded", Http.form(Map.of("q", statement)),
        "CREATE USER admin (first user)", true, false);
  }

  private String send(String path, String contentType, String body, String what, boolean withholdResponse,
      boolean asAdmin) {
    requireOpen("query() and write()");
    if (!process.isAlive()) {
      throw new IllegalStateException(this + " is not running: call restart() first");
    }
    String authorization = auth && adminCreated && asAdmin ? Http.basic(ADMIN, adminPassword) : null;
    HttpResponse<String> response;
    try {
      response = Http.post(http, URI.create(url() + path), contentType, body, authorization);
    } catch (IOException e) {
      throw new AdminQueryException("influxd at " + url() + " did not answer " + what + ": " + e
          + "; last log lines:\n" + logTail(), e);
    }
    String text = response.body();
    boolean ok = response.statusCode() / 100 == 2 && !text.startsWith("{\"error\":")
        && !STATEMENT_ERROR.matcher(text).find();
    if (!ok) {
      throw new AdminQueryException("influxd at " + url() + " refused " + what + ": HTTP " + response.statusCode()
          + (withholdResponse ? " (response withheld: the statement carries a password)" : ": " + text));
    }
    return text;
  }

  private void requireOpen(String method) {
    if (closed) {
      throw new IllegalStateException(this + " is closed: " + method + " needs an open server");
    }
  }

  private void requireAdmin(String accessor) {
    if (!adminCreated) {
      throw new IllegalStateException(accessor + " has no value: this InfluxServer was built with createAdmin(false),"
          + " so no admin user exists (create one with query(\"CREATE USER ... WITH ALL PRIVILEGES\"))");
    }
  }

  private void requireHttps(String accessor) {
    if (!https) {
      throw new IllegalStateException(accessor + " has no value: this InfluxServer was built with https(false)");
    }
  }

  private static void write(Path file, String text) {
    try {
      Files.writeString(file, text, StandardCharsets.UTF_8);
      TestCertificate.ownerOnly(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }

  /**
   * Configures and starts an {@link InfluxServer}. Defaults: HTTPS on with a localhost certificate from a fresh
   * root CA, valid for ten years, auth on with an admin user, a random 48-character shared secret,
   * {@code pprof-enabled = false}, free ports, {@code influxd} from {@code PATH} or {@code /usr/bin/influxd},
   * 30 s start timeout. Not thread-safe.
   */
  public static final class Builder {
    private boolean https = true;
    private boolean auth = true;
    private boolean createAdmin = true;
    private boolean debugEndpoints;
    private int port;
    private TestCertificate serverCertificate;
    private TestCertificate serverCertificateCa;
    private TestCertificate issuer;
    private Instant notBefore;
    private Instant notAfter;
    private char[] sharedSecret;
    private Path executable;
    private Duration startTimeout = Duration.ofSeconds(30);

    private Builder() {}

    /** HTTPS on the API port; default on. Off gives {@code http://127.0.0.1:PORT} (for audit tests). */
    public Builder https(boolean on) {
      this.https = on;
      return this;
    }

    /** {@code auth-enabled}; default on. The admin user is created either way (unless {@link #createAdmin}). */
    public Builder auth(boolean on) {
      this.auth = on;
      return this;
    }

    /**
     * Whether {@link #start()} creates the admin user; default on. Off leaves a server with no user at all: with
     * auth on, InfluxDB 1.x then answers most queries, with or without credentials, with 403 {@code "error
     * authorizing query: create admin user first or disable authentication"}, accepts anyone's
     * {@code CREATE USER ... WITH ALL PRIVILEGES}, and accepts writes without credentials. The server's
     * {@link InfluxServer#adminUser()} and {@link InfluxServer#adminPassword()} then throw
     * {@link IllegalStateException}, and {@link InfluxServer#query(String)} sends no credentials.
     */
    public Builder createAdmin(boolean on) {
      this.createAdmin = on;
      return this;
    }

    /**
     * {@code [http] pprof-enabled}; default off. On, {@code /debug/pprof/} answers 200 to anyone; off, 404. In
     * InfluxDB 1.6 nothing closes {@code /debug/vars} and {@code /debug/requests}: they answer 200 without
     * credentials either way, even with auth on.
     */
    public Builder debugEndpoints(boolean on) {
      this.debugEndpoints = on;
      return this;
    }

    /**
     * The HTTP API port on 127.0.0.1; default 0, a free port picked at start (retried if another process takes
     * it first). A fixed port is tried once.
     *
     * @throws IllegalArgumentException if {@code port} is outside 0..65535
     */
    public Builder port(int port) {
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException("port must be 0 (any free port) or 1..65535: " + port);
      }
      this.port = port;
      return this;
    }

    /**
     * Server certificate to present instead of a generated localhost one; {@code ca} (returned by
     * {@link InfluxServer#ca()}) must be in its {@link TestCertificate#chainWithRoot()}. Default: a fresh root
     * CA and a {@link TestCertificate.Builder#localhostServer()} leaf.
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
      this.serverCertificateCa = ca;
      return this;
    }

    /**
     * The CA that issues the generated localhost server certificate (and that {@link InfluxServer#ca()} returns);
     * default a fresh root CA per server. Give several servers one CA so one trust file covers them all.
     *
     * @throws IllegalArgumentException if {@code issuer} is not a CA certificate
     */
    public Builder ca(TestCertificate issuer) {
      Objects.requireNonNull(issuer, "issuer == null");
      if (issuer.certificate().getBasicConstraints() < 0) {
        throw new IllegalArgumentException("ca " + issuer.certificate().getSubjectX500Principal()
            + " is not a CA certificate: build it with TestCertificate.builder().ca()");
      }
      this.issuer = issuer;
      return this;
    }

    /**
     * Validity of the generated localhost server certificate; default from an hour ago for ten years. Any dates
     * work, past ones included: {@code influxd} starts and serves an expired certificate (and one not yet valid).
     * For example {@code serverCertificateValidity(now.minus(30, DAYS), now.minus(1, DAYS))} for one that
     * expired yesterday, or {@code (now.minus(1, HOURS), now.plus(10, DAYS))} for one that expires in ten days.
     *
     * @throws IllegalArgumentException if {@code notAfter} is not after {@code notBefore}
     */
    public Builder serverCertificateValidity(Instant notBefore, Instant notAfter) {
      Objects.requireNonNull(notBefore, "notBefore == null");
      Objects.requireNonNull(notAfter, "notAfter == null");
      if (!notAfter.isAfter(notBefore)) {
        throw new IllegalArgumentException("serverCertificateValidity: notAfter " + notAfter
            + " must be after notBefore " + notBefore);
      }
      this.notBefore = notBefore;
      this.notAfter = notAfter;
      return this;
    }

    /**
     * The JWT {@code shared-secret} (copied); default 48 random letters and digits. Any length is accepted,
     * including empty (JWT off), so audit tests can run a weak server.
     */
    public Builder sharedSecret(char[] sharedSecret) {
      Objects.requireNonNull(sharedSecret, "sharedSecret == null");
      this.sharedSecret = sharedSecret.clone(); // Defensive copy.
      return this;
    }

    /** The {@code influxd} binary; default the first on {@code PATH}, else {@code /usr/bin/influxd}. */
    public Builder executable(Path influxd) {
      this.executable = Objects.requireNonNull(influxd, "influxd == null");
      return this;
    }

    /** How long to wait for {@code /ping} to answer 204; default 30 s. */
    public Builder startTimeout(Duration timeout) {
      Objects.requireNonNull(timeout, "timeout == null");
      if (timeout.isNegative() || timeout.isZero()) {
        throw new IllegalArgumentException("startTimeout must be positive: " + timeout);
      }
      this.startTimeout = timeout;
      return this;
    }

    /**
     * Starts {@code influxd}, waits for {@code /ping}, creates the admin user (unless {@link #createAdmin}).
     *
     * @throws IllegalStateException if {@link #https(boolean) https(false)} meets a certificate setting, or
     *     {@link #serverCertificate} meets {@link #ca} or {@link #serverCertificateValidity}
     * @throws ExecutableNotFoundException if {@code influxd} is not installed (names the Debian package)
     * @throws ServerStartException if it exits or does not answer in time (quotes its log), or a fixed
     *     {@link #port(int)} is taken
     */
    public InfluxServer start() {
      checkCertificateSettings();
      Path influxd = executable != null
          ? Executables.require(executable, "influxdb")
          : Executables.find("influxd", System.getenv("PATH"), Path.of("/usr/bin/influxd"), "influxdb");
      Path dir;
      try {
        dir = Files.createTempDirectory("secureinflux-influxd-");
      } catch (IOException e) {
        throw new UncheckedIOException("cannot create a temp directory for influxd", e);
      }
      InfluxServer server;
      try {
        server = new InfluxServer(this, dir, influxd);
      } catch (RuntimeException | Error e) {
        ManagedProcess.deleteTree(dir);
        throw e;
      }
      Reaper.register(server);
      try {
        server.launch();
        if (createAdmin) {
          server.createAdmin();
        }
        return server;
      } catch (RuntimeException | Error e) {
        server.close();
        throw e;
      }
    }

    private void checkCertificateSettings() {
      String generated = issuer != null ? "ca()" : notBefore != null ? "serverCertificateValidity()" : null;
      if (!https && (serverCertificate != null || generated != null)) {
        throw new IllegalStateException((serverCertificate != null ? "serverCertificate()" : generated)
            + " and https(false) cannot be used together");
      }
      if (serverCertificate != null && generated != null) {
        throw new IllegalStateException("serverCertificate() and " + generated + " cannot be used together: "
            + generated + " configures the generated certificate, serverCertificate() replaces it");
      }
    }
  }
}
