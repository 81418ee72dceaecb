package dev.secureinflux.internal;

import java.util.Objects;
import okhttp3.ConnectionPool;
import okhttp3.OkHttpClient;

/**
 * An OkHttp builder with the connection policy applied for one URL: made only by
 * {@link OkHttpPolicy#apply}, consumed only by {@link GuardedInfluxDB#connect}, so a
 * {@link dev.secureinflux.auth.CredentialSafeClient} can only be built over such a transport, never around an
 * arbitrary {@code InfluxDB}. Not API.
 */
public final class HardenedOkHttp {
  final ServerUrl url;
  /** With the user's interceptors: for every call but statements carrying a secret. */
  final OkHttpClient.Builder builder;
  /** Without the user's interceptors and authenticator: for statements carrying a secret. */
  final OkHttpClient.Builder secretBuilder;
  /** Whether the dispatcher is the user's (from their builder), so that closing must not shut it down. */
  final boolean userDispatcher;
  /** The connection pool of both builders (the user's, when they came with a builder; maybe shared). */
  final ConnectionPool pool;

  HardenedOkHttp(ServerUrl url, OkHttpClient.Builder builder, OkHttpClient.Builder secretBuilder,
      boolean userDispatcher, ConnectionPool pool) {
    this.url = Objects.requireNonNull(url, "url == null");
    this.builder = Objects.requireNonNull(builder, "builder == null");
    this.secretBuilder = Objects.requireNonNull(secretBuilder, "secretBuilder == null");
    this.userDispatcher = userDispatcher;
    this.pool = Objects.requireNonNull(pool, "pool == null");
  }

  /** Format unspecified; the URL's scheme, host and port only. */
  @Override
  public String toString() {
    return "HardenedOkHttp{" + url.display() + "}";
  }
}
