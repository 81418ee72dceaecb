package dev.secureinflux.internal;

import dev.secureinflux.SecureInfluxException;
import dev.secureinflux.UdpRefusedException;
import dev.secureinflux.UnsafeQueryException;
import dev.secureinflux.auth.CredentialSafeClient;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.logging.Logger;
import org.influxdb.InfluxDB;
import org.influxdb.dto.Point;
import org.influxdb.dto.Query;
import org.influxdb.dto.QueryResult;

/**
 * The {@link InfluxDB} handed to users: influxdb-java's client with its unsafe corners closed.
 *
 * <ul>
 *   <li>UDP writes (cleartext) are refused unless the host is loopback;
 *   <li>{@code setLogLevel(FULL)} is lowered to {@code HEADERS}: FULL logs request bodies, and a
 *       {@code CREATE USER .. PASSWORD} body carries a password;
 *   <li>every statement but SELECT/SHOW goes by POST, with its bound parameters in the body; secret-carrying
 *       statements ({@link Statements#carriesSecret}: password, subscriptions, URLs with user info) run only
 *       synchronously, by POST, on a second influxdb-java client over the same pool and dispatcher without the
 *       user's interceptors (so no user logger sees the password, nor a {@code SHOW SUBSCRIPTIONS} reply), and
 *       their failures are reported without the server's text;
 *   <li>influxdb-java's deprecated database and retention policy calls quote names ({@link ForwardingInfluxDB});
 *   <li>failures caused by the auth module's {@code AuthException} (wrapped by influxdb-java in
 *       {@code InfluxDBIOException}) are rethrown as the typed exception, and passed so to failure callbacks;
 *   <li>{@code close()} also stops the TLS material's file watching, evicts the idle connections of the
 *       connection pool, and leaves a dispatcher that came with the user's OkHttp builder running
 *       ({@link DispatcherSafeInfluxDB}).
 * </ul>
 */
public final class GuardedInfluxDB extends ForwardingInfluxDB implements CredentialSafeClient {
  private static final Logger LOG = Logger.getLogger("dev.secureinflux");
  private static final String CHUNKED = "the chunked query(Query, chunkSize, ..)";

  private final ServerUrl url;
  private final String user;
  /** influxdb-java's client without the user's interceptors, for statements carrying a secret. */
  final InfluxDB secrets;
  final AutoCloseable onClose;

  /**
   * influxdb-java's client over {@code okHttp}, guarded. This is the only way to get one outside this package: it
   * takes the transport {@link OkHttpPolicy#apply} made, not an arbitrary {@code InfluxDB}, so the
   * {@link CredentialSafeClient} promise cannot be attached to a bare influxdb-java client by mistake. (It is a
   * guard against mistakes, not a security boundary: code in the same JVM can always reach around it.)
   *
   * @param user the user the credentials authenticate as, {@code null} for a token
   * @param onClose run after the client's close (stops TLS file watching); may be {@code null}
   */
  public static GuardedInfluxDB connect(HardenedOkHttp okHttp, InfluxDB.ResponseFormat responseFormat, String user,
      AutoCloseable onClose) {
    Objects.requireNonNull(okHttp, "okHttp == null");
    Objects.requireNonNull(responseFormat, "responseFormat == null");
    String base = okHttp.url.influxUrl();
    InfluxDB influx = new DispatcherSafeInfluxDB(base, okHttp.builder, responseFormat, okHttp.userDispatcher,
        okHttp.pool);
    InfluxDB secrets = new DispatcherSafeInfluxDB(base, okHttp.secretBuilder, responseFormat,
        okHttp.userDispatcher, okHttp.pool);
    return new GuardedInfluxDB(influx, secrets, okHttp.url, user, onClose);
  }

  /** {@link #GuardedInfluxDB(InfluxDB, InfluxDB, ServerUrl, String, AutoCloseable)} with one client for all. */
  GuardedInfluxDB(InfluxDB delegate, ServerUrl url, String user, AutoCloseable onClose) {
    this(delegate, delegate, url, user, onClose);
  }

  /**
   * Wraps {@code delegate}, and {@code secrets} for statements carrying a secret; both log levels are forced to
   * NONE now; {@code onClose} runs after their close. Failures carrying the auth module's typed
   * {@code AuthException} are rethrown (or passed to callbacks) as that. Package-private: see {@link #connect}.
   */
  GuardedInfluxDB(InfluxDB delegate, InfluxDB secrets, ServerUrl url, String user, AutoCloseable onClose) {
    super(AuthUnwrapping.wrap(delegate));
    this.secrets = secrets == delegate ? this.delegate : AuthUnwrapping.wrap(secrets);
    this.url = Objects.requireNonNull(url, "url == null");
    this.user = user;
    this.onClose = onClose;
    delegate.setLogLevel(LogLevel.NONE);
    if (secrets != delegate) {
      secrets.setLogLevel(LogLevel.NONE); // Never raised: setLogLevel(..) changes the other client only.
    }
  }

  @Override
  public InfluxDB setLogLevel(LogLevel logLevel) {
    Objects.requireNonNull(logLevel, "logLevel == null");
    LogLevel effective = logLevel;
    if (logLevel == LogLevel.FULL) {
      LOG.warning("influxdb-java LogLevel.FULL logs request bodies, which can carry passwords: using HEADERS "
          + "for " + url.display());
      effective = LogLevel.HEADERS;
    }
    delegate.setLogLevel(effective);
    return this;
  }

  private void refuseUdp(String call) {
    if (!url.loopback()) {
      throw new UdpRefusedException(call + " sends line protocol in clear over UDP to " + url.host()
          + ", which is not loopback: use write(database, retentionPolicy, point), write(BatchPoints) or "
          + "write(String) after setDatabase(..), which go over " + url.origin().scheme().toUpperCase() + " with "
          + "credentials");
    }
  }

  @Override
  public void write(int udpPort, Point point) {
    refuseUdp("write(udpPort, Point)");
    delegate.write(udpPort, point);
  }

  @Override
  public void write(int udpPort, String records) {
    refuseUdp("write(udpPort, String)");
    delegate.write(udpPort, records);
  }

  @Override
  public void write(int udpPort, List<String> records) {
    refuseUdp("write(udpPort, List)");
    delegate.write(udpPort, records);
  }

  @Override
  public InfluxDB setDatabase(String database) {
    delegate.setDatabase(database);
    if (secrets != delegate) {
      secrets.setDatabase(database); // The default database of statements without one.
    }
    return this;
  }

  private QueryResult passwordSafe(Query query, BiFunction<InfluxDB, Query, QueryResult> call) {
    Query guarded = Statements.guard(query);
    if (!Statements.carriesSecret(guarded)) {
      return call.apply(delegate, guarded);
    }
    QueryResult result;
    try {
      result = call.apply(secrets, guarded); // Never through the user's interceptors.
    } catch (RuntimeException e) {
      if (e.getClass().getName().startsWith("dev.secureinflux.")) {
        throw e;
      }
      throw new SecureInfluxException("a statement carrying a secret (password, subscription destination) failed "
          + "at " + url.display() + " (" + e.getClass().getSimpleName() + "); the server's message is withheld "
          + "because it may quote the statement. Check the statement's syntax and the user's admin privilege");
    }
    if (result != null && (result.hasError() || hasResultError(result))) {
      throw new SecureInfluxException("a statement carrying a secret (password, subscription destination) was "
          + "rejected by " + url.display() + "; the server's message is withheld because it may quote the "
          + "statement. Check the statement's syntax and the user's admin privilege");
    }
    return result;
  }

  private static boolean hasResultError(QueryResult result) {
    return result.getResults() != null && result.getResults().stream().anyMatch(r -> r != null && r.hasError());
  }

  /**
   * The query for an asynchronous or chunked call: secret-carrying statements are refused there, because
   * influxdb-java hands the server's reply (which may quote the statement) to callbacks, or throws it on its
   * dispatcher thread when there is no failure callback.
   */
  private static Query callbackSafe(Query query, String call) {
    Query guarded = Statements.guard(query);
    if (Statements.carriesSecret(guarded)) {
      throw new UnsafeQueryException(call + " refuses a statement with the keyword PASSWORD, SUBSCRIPTION or "
          + "SUBSCRIPTIONS, or with a URL holding user info: the server's error text may quote the secret and would "
          + "reach your callbacks or the dispatcher thread, and a SHOW SUBSCRIPTIONS reply lists destination "
          + "passwords. Run it with the synchronous query(Query), which withholds the error text");
    }
    return guarded;
  }

  @Override
  public QueryResult query(Query query) {
    return passwordSafe(query, InfluxDB::query);
  }

  @Override
  public QueryResult query(Query query, TimeUnit timeUnit) {
    return passwordSafe(query, (client, q) -> client.query(q, timeUnit));
  }

  @Override
  public void query(Query query, Consumer<QueryResult> onSuccess, Consumer<Throwable> onFailure) {
    delegate.query(callbackSafe(query, "query(Query, onSuccess, onFailure)"), onSuccess,
        AuthUnwrapping.callback(onFailure));
  }

  @Override
  public void query(Query query, int chunkSize, Consumer<QueryResult> onNext) {
    delegate.query(callbackSafe(query, CHUNKED), chunkSize, onNext);
  }

  @Override
  public void query(Query query, int chunkSize, BiConsumer<Cancellable, QueryResult> onNext) {
    delegate.query(callbackSafe(query, CHUNKED), chunkSize, onNext);
  }

  @Override
  public void query(Query query, int chunkSize, Consumer<QueryResult> onNext, Runnable onComplete) {
    delegate.query(callbackSafe(query, CHUNKED), chunkSize, onNext, onComplete);
  }

  @Override
  public void query(Query query, int chunkSize, BiConsumer<Cancellable, QueryResult> onNext,
      Runnable onComplete) {
    delegate.query(callbackSafe(query, CHUNKED), chunkSize, onNext, onComplete);
  }

  @Override
  public void query(Query query, int chunkSize, BiConsumer<Cancellable, QueryResult> onNext, Runnable onComplete,
      Consumer<Throwable> onFailure) {
    delegate.query(callbackSafe(query, CHUNKED), chunkSize, onNext, onComplete, AuthUnwrapping.callback(onFailure));
  }

  @Override
  public void close() {
    try {
      try {
        delegate.close();
      } finally {
        if (secrets != delegate) {
          secrets.close();
        }
      }
    } finally {
      if (onClose != null) {
        try {
          onClose.close();
        } catch (Exception e) {
          LOG.warning("closing the TLS material of " + url.display() + " failed: " + e.getClass().getName());
        }
      }
    }
  }

  /** The user this client authenticates as (empty for a token). */
  @Override
  public Optional<String> authenticatedUser() {
    return Optional.ofNullable(user);
  }

  /** Format unspecified; never contains secrets. */
  @Override
  public String toString() {
    return "SecureInflux{" + url.display() + (user == null ? "" : ", user=" + user) + "}";
  }
}
