package dev.secureinflux.internal;

import java.io.IOException;
import java.util.Map;
import java.util.Objects;
import java.util.WeakHashMap;
import okhttp3.Connection;
import okhttp3.ConnectionPool;
import okhttp3.Interceptor;
import okhttp3.Response;

/**
 * Retires connections made with TLS material that has since been reloaded.
 *
 * <p>{@link #reloaded()} evicts idle pooled connections at once. A connection busy at that moment is not in the
 * pool's reach, so this network interceptor marks its next request {@code Connection: close}: OkHttp then closes
 * the connection after that exchange instead of reusing it, and the following request handshakes afresh.
 */
public final class TlsGeneration implements Interceptor {
  private final ConnectionPool pool;
  private final Map<Connection, Long> seen = new WeakHashMap<>();
  private volatile long generation;

  /** Retires connections of {@code pool}. */
  public TlsGeneration(ConnectionPool pool) {
    this.pool = Objects.requireNonNull(pool, "pool == null");
  }

  /** Called after each TLS reload. */
  public void reloaded() {
    generation++;
    pool.evictAll();
  }

  @Override
  public Response intercept(Chain chain) throws IOException {
    Connection connection = chain.connection();
    if (connection == null) {
      return chain.proceed(chain.request());
    }
    long current = generation;
    long born;
    synchronized (seen) {
      born = seen.computeIfAbsent(connection, c -> current);
    }
    if (born == current) {
      return chain.proceed(chain.request());
    }
    return chain.proceed(chain.request().newBuilder().header("Connection", "close").build());
  }
}
