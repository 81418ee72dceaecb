package dev.secureinflux;

import dev.secureinflux.auth.AuthInterceptor;
import dev.secureinflux.auth.Credentials;
import dev.secureinflux.internal.EnvironmentReader;
import dev.secureinflux.internal.GuardedInfluxDB;
import dev.secureinflux.internal.HardenedOkHttp;
import dev.secureinflux.internal.OkHttpPolicy;
import dev.secureinflux.internal.Pins;
import dev.secureinflux.internal.ServerUrl;
import dev.secureinflux.internal.TlsGeneration;
import dev.secureinflux.tls.KeyMaterial;
import dev.secureinflux.tls.TlsConfig;
import dev.secureinflux.tls.TrustMaterial;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import okhttp3.OkHttpClient;
import org.influxdb.InfluxDB;

/**
 * Builds {@link InfluxDB} clients that can only talk to InfluxDB safely: always with credentials, over verified
 * TLS to any host that is not loopback.
 *
 * <pre>{@code
 * InfluxDB influx = SecureInflux.builder()
 *     .url("https://influx.example.com:8086")
 *     .credentials(Credentials.basic("app", password))
 *     .trust(TrustMaterial.pem(Path.of("/etc/influx/ca.pem")))
 *     .build();
 * }</pre>
 *
 * <h2>Secure defaults</h2>
 * TLS 1.3/1.2 with the {@code tls} module's cipher suites, the JDK trust store, host names always verified,
 * redirects never followed, credentials only in the {@code Authorization} header of requests to the configured
 * origin over a verified TLS (or loopback) connection, influxdb-java's log level forced to {@code NONE}.
 *
 * <h2>Refusals</h2>
 * {@link Builder#build()} lists them. Plain {@code http://} is accepted only for 127.0.0.0/8 (dotted quad),
 * {@code [::1]} (in any equivalent textual form, such as {@code [0:0:0:0:0:0:0:1]}) and {@code localhost};
 * there is no switch to trust every certificate, skip host name checks or send a password in clear to a remote
 * host.
 *
 * <h2>Queries</h2>
 * Every statement but a single {@code SELECT} or {@code SHOW} is sent by POST, so it never appears in a URL.
 * Statements that carry a secret (the keyword {@code PASSWORD}, {@code SUBSCRIPTION} or {@code SUBSCRIPTIONS}
 * anywhere, comments notwithstanding, so {@code SHOW SUBSCRIPTIONS}, whose reply lists destination passwords, too;
 * a URL with user info in the statement or a bound parameter) run only through the synchronous
 * {@code query(Query)} and {@code query(Query, TimeUnit)}, by POST, which report failures without the server's
 * text; the asynchronous and chunked overloads refuse them with {@link UnsafeQueryException}, and so does every
 * overload when they have bound parameters.
 *
 * <h2>Failures</h2>
 * An authentication, authorization or unsafe-connection failure surfaces as the auth module's typed exception
 * ({@link dev.secureinflux.auth.AuthenticationException} and its siblings), not wrapped in influxdb-java's
 * {@code InfluxDBIOException}, from synchronous calls and in failure callbacks. The returned client implements
 * {@link dev.secureinflux.auth.CredentialSafeClient}, so {@code InfluxUsers.create(..)} accepts it. That gate
 * guards against mistakes (handing it a bare influxdb-java client), not against hostile code in the same JVM.
 *
 * <h2>Mutual TLS</h2>
 * {@code identity(KeyMaterial.pem(chain, key, passphraseOrNull))} or {@code identity(KeyMaterial.keyStore(..))}.
 *
 * @since 0.1
 */
public final class SecureInflux {
  private SecureInflux() {}

  /** A new builder with no URL and no credentials, which must both be set. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * A builder filled from {@code System.getenv()}; see {@link #fromEnvironment(Map)} for the variables.
   *
   * @throws EnvironmentException and the others listed at {@link #fromEnvironment(Map)}
   */
  public static Builder fromEnvironment() {
    return fromEnvironment(System.getenv());
  }

  /**
   * A builder filled from {@code environment}, the same convention as the process environment.
   *
   * <ul>
   *   <li>{@code INFLUX_URL}: {@link Builder#url(String)} (required by {@code build()});
   *   <li>credentials: {@link Credentials#fromEnvironment(Map)} ({@code INFLUX_USERNAME} with
   *       {@code INFLUX_PASSWORD} or {@code INFLUX_PASSWORD_FILE}, {@code INFLUX_TOKEN[_FILE]},
   *       {@code INFLUX_SHARED_SECRET_FILE}; see the auth module);
   *   <li>{@code INFLUX_CA_FILE}: PEM CA bundle, {@link Builder#trust} (default: the JDK trust store);
   *   <li>{@code INFLUX_CLIENT_CERT_FILE} and {@code INFLUX_CLIENT_KEY_FILE}: PEM chain and key for mutual TLS
   *       (the key file defaults to the certificate file, for a combined PEM);
   *   <li>{@code INFLUX_CLIENT_KEY_PASSPHRASE_FILE}: file holding the key's passphrase (trailing newline
   *       removed); on POSIX file systems refused when readable or writable by group or others;
   *   <li>{@code INFLUX_PINS}: comma-separated {@code sha256/...} pins;
   *   <li>{@code INFLUX_DATABASE}: {@link Builder#database}.
   * </ul>
   * Blank values count as unset. The returned builder can be adjusted further before {@code build()}.
   *
   * @throws EnvironmentException when the variables are inconsistent (a key or passphrase file without
   *     {@code INFLUX_CLIENT_CERT_FILE}), a variable is not a valid path, or
   *     {@code INFLUX_CLIENT_KEY_PASSPHRASE_FILE} cannot be read, is empty, or is readable or writable by group
   *     or others
   * @throws dev.secureinflux.auth.CredentialSourceException from the auth module: no or conflicting credential
   *     variables, or a credential file ({@code INFLUX_PASSWORD_FILE}, {@code INFLUX_TOKEN_FILE},
   *     {@code INFLUX_SHARED_SECRET_FILE}) missing, unreadable, empty, or readable or writable by group or others
   * @throws dev.secureinflux.auth.WeakSecretException from the auth module: a JWT shared secret under 256 bits
   * @throws dev.secureinflux.tls.MaterialFileException from the tls module: {@code INFLUX_CA_FILE},
   *     {@code INFLUX_CLIENT_CERT_FILE} or {@code INFLUX_CLIENT_KEY_FILE} missing, a directory or empty (their
   *     content and the key file's permissions are checked by {@link Builder#build()})
   * @throws InvalidPinException a malformed pin in {@code INFLUX_PINS}
   */
  public static Builder fromEnvironment(Map<String, String> environment) {
    Objects.requireNonNull(environment, "environment == null");
    Builder builder = builder();
    EnvironmentReader.fill(builder, Map.copyOf(environment));
    return builder;
  }

  /**
   * As {@link #fromEnvironment(Map)}, reading the same names from {@code properties}.
   *
   * @throws EnvironmentException and the others listed at {@link #fromEnvironment(Map)}
   */
  public static Builder fromEnvironment(Properties properties) {
    Objects.requireNonNull(properties, "properties == null");
    Map<String, String> map = new java.util.HashMap<>();
    for (String name : properties.stringPropertyNames()) {
      map.put(name, properties.getProperty(name));
    }
    return fromEnvironment(map);
  }

  /**
   * Settings for one secured client. Mutable and not thread-safe; {@link #build()} may be called more than once.
   */
  public static final class Builder {
    private String url;
    private Credentials credentials;
    private TrustMaterial trust;
    private KeyMaterial identity;
    private final List<String> pins = new ArrayList<>();
    private String database;
    private OkHttpClient.Builder okHttp;
    private InfluxDB.ResponseFormat responseFormat = InfluxDB.ResponseFormat.JSON;
    private Duration reloading;
    private final Duration[] timeouts = new Duration[4];

    private Builder() {}

    /**
     * The server, {@code https://host:port} (a base path is allowed). {@code http://} only for a loopback
     * host: 127.0.0.0/8 in dotted-quad form, {@code [::1]} in any equivalent textual form (such as
     * {@code [0:0:0:0:0:0:0:1]}) or {@code localhost} (any case, optional trailing dot). Names that merely
     * resolve to loopback are refused. Required; checked by {@link #build()}.
     */
    public Builder url(String url) {
      this.url = Objects.requireNonNull(url, "url == null");
      return this;
    }

    /** How the client authenticates. Required: there is no anonymous client. */
    public Builder credentials(Credentials credentials) {
      this.credentials = Objects.requireNonNull(credentials, "credentials == null");
      return this;
    }

    /** Which servers to trust. Default: {@link TrustMaterial#system()}. {@code https://} only. */
    public Builder trust(TrustMaterial trust) {
      this.trust = Objects.requireNonNull(trust, "trust == null");
      return this;
    }

    /** The client certificate for mutual TLS. Default: none. {@code https://} only. */
    public Builder identity(KeyMaterial identity) {
      this.identity = Objects.requireNonNull(identity, "identity == null");
      return this;
    }

    /** Same as {@link #addPin(String)}. */
    public Builder pin(String pin) {
      return addPin(pin);
    }

    /**
     * Adds a pin, {@code sha256/<base64 SHA-256 of SubjectPublicKeyInfo>}, checked on top of chain validation:
     * some certificate of the chain must match one pin. Default: no pins. {@code https://} only.
     *
     * @throws InvalidPinException when the pin is not of that form
     */
    public Builder addPin(String pin) {
      Objects.requireNonNull(pin, "pin == null");
      pins.add(Pins.check(pin));
      return this;
    }

    /** Sets the client's default database ({@link InfluxDB#setDatabase}). Default: none. */
    public Builder database(String database) {
      this.database = Objects.requireNonNull(database, "database == null");
      return this;
    }

    /**
     * An OkHttp builder for timeouts, connection pool, dispatcher and your own interceptors. It is built once to
     * be copied; the copy gets the connection rules. Refused by {@link #build()}: a custom
     * {@code sslSocketFactory}, {@code hostnameVerifier}, {@code certificatePinner} or {@code eventListener} /
     * {@code eventListenerFactory} (OkHttp hands listeners the network request, with the {@code Authorization}
     * header), and for {@code http://} a {@code proxy}, {@code proxySelector} or {@code socketFactory} (plain-HTTP
     * sockets are always made by this library, directly with {@code Proxy.NO_PROXY}, so {@code socksProxyHost}
     * or a default {@code ProxySelector} cannot reroute them, and only to loopback addresses). Replaced:
     * {@code connectionSpecs}, redirects (never followed). Wrapped: {@code dns} ({@code localhost} is answered
     * without it; for {@code http://} it is never asked). Removed: {@code Authorization},
     * {@code Proxy-Authorization} and {@code Cookie} headers added by your application interceptors (so no log
     * level can show them; credentials come from {@link #credentials}). Its timeouts are kept unless set on this
     * builder. Default: OkHttp's defaults, with this builder's default timeouts.
     *
     * <p>Statements carrying a secret ({@code CREATE USER .. WITH PASSWORD}, {@code SET PASSWORD},
     * {@code CREATE SUBSCRIPTION}, {@code SHOW SUBSCRIPTIONS}, a URL with user info, and so everything
     * {@code InfluxUsers} sends with a password) go through a copy of this builder without your application and
     * network interceptors and authenticator, so that no logger of yours sees the password (nor a
     * {@code SHOW SUBSCRIPTIONS} reply); your other settings apply to them too. The client's
     * {@link InfluxDB#close()} leaves this builder's dispatcher running, since you may share it, and evicts the
     * idle connections of its connection pool (those of other clients sharing the pool too: they reconnect).
     */
    public Builder okHttpClient(OkHttpClient.Builder okHttpClient) {
      this.okHttp = Objects.requireNonNull(okHttpClient, "okHttpClient == null");
      return this;
    }

    /** Response format: JSON (default) or MSGPACK (InfluxDB 1.4+). */
    public Builder responseFormat(InfluxDB.ResponseFormat responseFormat) {
      this.responseFormat = Objects.requireNonNull(responseFormat, "responseFormat == null");
      return this;
    }

    /**
     * Re-read trust and identity files when they change (polling at {@code interval} at the latest); after each
     * reload idle pooled connections are evicted, and a connection whose handshake came before the reload (busy
     * during it, or handshaken just before it) is closed after its next exchange; new connections make a full
     * handshake with the new material (no TLS session of the old one is resumed). Default: files are read once.
     * {@code https://} only.
     *
     * <p>The files are watched by a background (daemon) thread until the returned client's
     * {@link InfluxDB#close()} is called: close every client built with reloading, or its watcher runs for as
     * long as the JVM does.
     *
     * @throws IllegalArgumentException an interval that is not positive
     */
    public Builder reloading(Duration interval) {
      this.reloading = checkDuration("reloading", interval);
      if (interval.isZero()) {
        throw new IllegalArgumentException("reloading interval must be positive: " + interval);
      }
      return this;
    }

    /** Connect timeout. Default: 10 s (or the OkHttp builder's). */
    public Builder connectTimeout(Duration timeout) {
      timeouts[0] = checkDuration("connectTimeout", timeout);
      return this;
    }

    /** Read timeout (between bytes). Default: 30 s (or the OkHttp builder's). */
    public Builder readTimeout(Duration timeout) {
      timeouts[1] = checkDuration("readTimeout", timeout);
      return this;
    }

    /** Write timeout (between bytes). Default: 30 s (or the OkHttp builder's). */
    public Builder writeTimeout(Duration timeout) {
      timeouts[2] = checkDuration("writeTimeout", timeout);
      return this;
    }

    /**
     * Timeout of a whole call, {@link Duration#ZERO} for none. Default: none (or the OkHttp builder's), since
     * chunked queries stream for as long as they need.
     */
    public Builder callTimeout(Duration timeout) {
      timeouts[3] = checkDuration("callTimeout", timeout);
      return this;
    }

    private static Duration checkDuration(String name, Duration d) {
      Objects.requireNonNull(d, name + " == null");
      if (d.isNegative() || d.compareTo(Duration.ofMillis(Integer.MAX_VALUE)) > 0) {
        throw new IllegalArgumentException(name + " must be between 0 and " + Integer.MAX_VALUE + " ms: " + d);
      }
      return d;
    }

    /**
     * Checks every rule, then builds the client. Nothing is connected and no name is looked up before the
     * checks pass (the client itself connects on first use).
     *
     * @throws MissingUrlException no {@link #url}
     * @throws UnsupportedSchemeException a scheme other than https/http
     * @throws InvalidUrlException a URL that does not parse unambiguously, or has a query or fragment
     * @throws CredentialsInUrlException {@code user:password@} in the URL
     * @throws PlaintextRefusedException {@code http://} to a host that is not loopback
     * @throws MissingCredentialsException no {@link #credentials}
     * @throws TlsSettingsOnPlainHttpException trust, identity, pins or reloading with an {@code http://} URL
     * @throws UnsafeOkHttpSettingException a refused setting on the {@link #okHttpClient} builder
     * @throws dev.secureinflux.tls.TlsMaterialException trust or identity material that cannot be used
     */
    public InfluxDB build() {
      ServerUrl server = ServerUrl.parse(url);
      if (credentials == null) {
        throw new MissingCredentialsException("no credentials for " + server.display() + ": call credentials("
            + "Credentials.basic(user, password)) (or token/jwt, or set INFLUX_USERNAME and INFLUX_PASSWORD)");
      }
      if (server.plainHttp() && (trust != null || identity != null || !pins.isEmpty() || reloading != null)) {
        throw new TlsSettingsOnPlainHttpException("trust(..), identity(..), pin(..) and reloading(..) apply to "
            + "https:// only, but the URL is plain " + server.display() + ": use https:// or remove them");
      }
      if (okHttp != null) {
        OkHttpPolicy.check(okHttp, server.plainHttp());
      }
      Duration[] effective = timeouts.clone(); // Defensive copy.
      if (okHttp == null) {
        Duration[] defaults = {OkHttpPolicy.DEFAULT_CONNECT, OkHttpPolicy.DEFAULT_READ,
            OkHttpPolicy.DEFAULT_WRITE, OkHttpPolicy.DEFAULT_CALL};
        for (int i = 0; i < effective.length; i++) {
          effective[i] = effective[i] == null ? defaults[i] : effective[i];
        }
      }
      OkHttpClient base = okHttp == null ? new OkHttpClient() : okHttp.build();
      TlsGeneration generation = server.plainHttp() || reloading == null
          ? null : new TlsGeneration(base.connectionPool());
      TlsConfig tls = server.plainHttp() ? null : tlsConfig(generation);
      try {
        HardenedOkHttp hardened = OkHttpPolicy.apply(base, okHttp != null, server, tls, generation,
            AuthInterceptor.create(credentials, server.origin()), effective);
        GuardedInfluxDB guarded = GuardedInfluxDB.connect(hardened, responseFormat,
            credentials.user().orElse(null), tls);
        if (database != null) {
          guarded.setDatabase(database);
        }
        return guarded;
      } catch (RuntimeException | Error e) {
        if (tls != null) {
          tls.close();
        }
        throw e;
      }
    }

    private TlsConfig tlsConfig(TlsGeneration generation) {
      TlsConfig.Builder tls = TlsConfig.builder().trust(trust == null ? TrustMaterial.system() : trust);
      if (identity != null) {
        tls.identity(identity);
      }
      for (String pin : pins) {
        tls.addPin(pin);
      }
      if (reloading != null) {
        tls.reloading(reloading).addReloadListener(generation::reloaded);
      }
      return tls.build();
    }

    /** Format unspecified; shows host, user and database, never a secret. */
    @Override
    public String toString() {
      String shown;
      try {
        shown = url == null ? "unset" : ServerUrl.parse(url).display();
      } catch (SecureInfluxException e) {
        shown = "(not valid, not shown)";
      }
      String user = credentials == null ? "unset" : credentials.user().orElse("(token)");
      return "SecureInflux.Builder{url=" + shown + ", user=" + user
          + (database == null ? "" : ", database=" + database) + ", pins=" + pins.size()
          + ", mutualTls=" + (identity != null) + "}";
    }
  }
}
