package dev.secureinflux.internal;

import dev.secureinflux.tls.TlsConfig;
import java.io.IOException;
import java.net.Socket;
import java.util.Objects;
import javax.net.ssl.SSLSocket;
import okhttp3.Connection;
import okhttp3.ConnectionPool;
import okhttp3.Interceptor;
import okhttp3.Response;

/**
 * Retires connections made with TLS material that has since been reloaded.
 *
 * <p>{@link #reloaded} evicts idle pooled connections at once. A connection busy at that moment is not in the
 * pool's reach, so this network interceptor marks each request on a connection whose TLS session is not
 * {@linkplain TlsConfig#isCurrent current} {@code Connection: close}: OkHttp then closes the connection after
 * that exchange instead of reusing it, and the following request handshakes afresh. The generation is the one
 * that verified the connection's handshake (stamped in its session by the trust manager), not the one in use
 * when the connection was first seen here: a connection whose handshake finished before a reload and whose first
 * request comes after it (a TLS 1.2 round trip, a slow user network interceptor) is retired too.
 */
public final class TlsGeneration implements Interceptor {
  private final ConnectionPool pool;
  private volatile TlsConfig reloadedConfig;

  /** Retires connections of {@code pool}. */
  public TlsGeneration(ConnectionPool pool) {
    this.pool = Objects.requireNonNull(pool, "pool == null");
  }

  /** Called after each reload of {@code config}, the client's TLS configuration. */
  public void reloaded(TlsConfig config) {
    reloadedConfig = Objects.requireNonNull(config, "config == null");
    pool.evictAll();
  }

  @Override
  public Response intercept(Chain chain) throws IOException {
    TlsConfig config = reloadedConfig; // Null until the first reload: until then every session is current.
    Connection connection = chain.connection();
    Socket socket = connection != null ? connection.socket() : null;
    if (config == null || !(socket instanceof SSLSocket) || config.isCurrent(((SSLSocket) socket).getSession())) {
      return chain.proceed(chain.request());
    }
    return chain.proceed(chain.request().newBuilder().header("Connection", "close").build());
  }
}
