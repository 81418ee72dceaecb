package dev.secureinflux.testkit;

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
 * {@link Builder#https(boolean)} and {@link Builder#auth(boolean)} give the weaker variants audit tests need.
 *
 * <pre>{@code
 * try (InfluxServer influx = InfluxServer.start()) {
 *   influx.query("CREATE DATABASE metrics");
 *   String url = influx.url();          // https://localhost:PORT
 *   Path ca = influx.caPem();           // trust this
 * }
 * }</pre>
 *
 * <p>{@link #close()} stops the process and deletes the directory; a JVM shutdown hook does the same for servers
 * never closed. In JUnit 5 use {@link InfluxServerExtension}. {@code toString()} never contains secrets.
 */
public final class InfluxServer implements AutoCloseable {
  private static final String ADMIN = "admin";
  private static final int LOG_LINES = 30;
  private static final int START_ATTEMPTS = 5;
  private static final Pattern STATEMENT_ERROR = Pattern.compile("\"statement_id\":\\d+,\"error\":");

  private final boolean https;
  private final boolean auth;
  private final Path dir;
  private final Path config;
  private final Path log;
  private final TestCertificate ca;
  private final TestCertificate serverCertificate;
  private final Path caPem;
  private final char[] adminPassword = Secrets.random(24);
  private final char[] sharedSecret;
  private final HttpClient http;
  private ManagedProcess process;
  private int port;
  private int rpcPort;
  private volatile boolean closed;

  private InfluxServer(Builder builder, Path dir) {
    this.https = builder.https;
    this.auth = builder.auth;
    this.dir = dir;
    this.config = dir.resolve("influxdb.conf");
    this.log = dir.resolve("influxd.log");
    this.sharedSecret = builder.sharedSecret != null ? builder.sharedSecret.clone() : Secrets.random(48);
    if (https) {
      this.ca = builder.ca != null ? builder.ca : TestCertificate.newRootCa("secureinflux test influxd CA");
      this.serverCertificate = builder.serverCertificate != null
          ? builder.serverCertificate
          : TestCertificate.builder().issuer(ca).localhostServer().build();
      this.caPem = ca.writeCertificatePem(dir.resolve("ca.pem"));
      this.http = Http.client(TestTls.clientContext(ca));
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

  /** The admin user's name, {@code admin}; it has ALL PRIVILEGES. */
  public String adminUser() {
    return ADMIN;
  }

  /** The admin user's password; a fresh copy each call. */
  public char[] adminPassword() {
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

  /** Whether {@code influxd} is running: started, not closed, and not exited. */
  public boolean isRunning() {
    return !closed && process != null && process.isAlive();
  }

  /** The process id of {@code influxd}. */
  public long pid() {
    return process.pid();
  }

  /** The last lines {@code influxd} wrote (stdout and stderr), for failure messages. */
  public String logTail() {
    return ManagedProcess.tail(log, LOG_LINES);
  }

  /**
   * Runs one InfluxQL statement as the admin user (basic auth when auth is on), sent as a POST form body, and
   * returns the JSON response.
   *
   * @throws AdminQueryException on a non-2xx status or an {@code "error"} in the JSON; the response is quoted
   *     unless the statement contains {@code PASSWORD}
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

  /** Stops the process (TERM, then KILL after 10 s) and deletes {@link #tempDir()}. Idempotent. */
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
      java.util.Arrays.fill(adminPassword, '\0');
      ManagedProcess.deleteTree(dir);
      Reaper.unregister(this);
    }
  }

  /** Format unspecified; never contains secrets. */
  @Override
  public String toString() {
    return "InfluxServer[" + (port == 0 ? "not started" : url()) + ", auth " + (auth ? "on" : "off")
        + (closed ? ", closed" : "") + "]";
  }

  private void launch(Path influxd, Duration timeout) {
    Path certificate = null;
    Path key = null;
    if (https) {
      certificate = serverCertificate.writeChainPem(dir.resolve("server.pem"));
      key = serverCertificate.writePrivateKeyPem(dir.resolve("server-key.pem"));
    }
    for (int attempt = 1; ; attempt++) {
      int[] ports = FreePorts.pick(2);
      port = ports[0];
      rpcPort = ports[1];
      write(config, InfluxConfig.render(dir, port, rpcPort, certificate, key, auth, sharedSecret));
      process = ManagedProcess.start("influxd", List.of(influxd.toString(), "-config", config.toString()),
          dir, log, "INFLUXDB_");
      URI ping = URI.create(url() + "/ping");
      Readiness.Outcome outcome = Readiness.await(process, () -> Http.probe(http, ping), "204",
          "GET " + ping, log, timeout);
      if (outcome == Readiness.Outcome.READY) {
        return;
      }
      process.stop();
      if (attempt == START_ATTEMPTS) {
        throw new ServerStartException("influxd could not bind free ports on 127.0.0.1 in " + START_ATTEMPTS
            + " attempts; last log lines:\n" + logTail());
      }
    }
  }

  private void createAdmin() {
    String statement = "CREATE USER \"" + ADMIN + "\" WITH PASSWORD '" + new String(adminPassword)
        + "' WITH ALL PRIVILEGES";
    send("/query", "application/x-www-form-urlencoded", Http.form(Map.of("q", statement)),
        "CREATE USER admin (first user)", true, false);
  }

  private String send(String path, String contentType, String body, String what, boolean withholdResponse,
      boolean asAdmin) {
    if (closed) {
      throw new IllegalStateException(this + " is closed");
    }
    String authorization = auth && asAdmin ? Http.basic(ADMIN, adminPassword) : null;
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
   * Configures and starts an {@link InfluxServer}. Defaults: HTTPS on with a generated localhost certificate,
   * auth on, a random 48-character shared secret, {@code influxd} from {@code PATH} or {@code /usr/bin/influxd},
   * 30 s start timeout. Not thread-safe.
   */
  public static final class Builder {
    private boolean https = true;
    private boolean auth = true;
    private TestCertificate serverCertificate;
    private TestCertificate ca;
    private char[] sharedSecret;
    private Path executable;
    private Duration startTimeout = Duration.ofSeconds(30);

    private Builder() {}

    /** HTTPS on the API port; default on. Off gives {@code http://127.0.0.1:PORT} (for audit tests). */
    public Builder https(boolean on) {
      this.https = on;
      return this;
    }

    /** {@code auth-enabled}; default on. The admin user is created either way. */
    public Builder auth(boolean on) {
      this.auth = on;
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
      this.ca = ca;
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
     * Starts {@code influxd}, waits for {@code /ping}, creates the admin user.
     *
     * @throws ExecutableNotFoundException if {@code influxd} is not installed (names the Debian package)
     * @throws ServerStartException if it exits or does not answer in time (quotes its log)
     */
    public InfluxServer start() {
      Path influxd = executable != null
          ? Executables.require(executable, "influxdb")
          : Executables.find("influxd", System.getenv("PATH"), Path.of("/usr/bin/influxd"), "influxdb");
      if (serverCertificate != null && !https) {
        throw new IllegalStateException("serverCertificate() and https(false) cannot be used together");
      }
      Path dir;
      try {
        dir = Files.createTempDirectory("secureinflux-influxd-");
      } catch (IOException e) {
        throw new UncheckedIOException("cannot create a temp directory for influxd", e);
      }
      InfluxServer server;
      try {
        server = new InfluxServer(this, dir);
      } catch (RuntimeException | Error e) {
        ManagedProcess.deleteTree(dir);
        throw e;
      }
      Reaper.register(server);
      try {
        server.launch(influxd, startTimeout);
        server.createAdmin();
        return server;
      } catch (RuntimeException | Error e) {
        server.close();
        throw e;
      }
    }
  }
}
