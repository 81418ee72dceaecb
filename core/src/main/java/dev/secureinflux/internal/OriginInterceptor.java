package dev.secureinflux.internal;

import java.io.IOException;
import java.util.Objects;
import okhttp3.HttpUrl;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;

/**
 * First application interceptor: turns influxdb-java's placeholder base URL back into the real origin.
 *
 * <p>Requests to any other origin pass unchanged (and get no credentials from the auth interceptor).
 */
public final class OriginInterceptor implements Interceptor {
  private final HttpUrl placeholder;
  private final HttpUrl origin;

  /** Rewrites requests for {@code placeholder}'s scheme, host and port to {@code origin}'s. */
  public OriginInterceptor(HttpUrl placeholder, HttpUrl origin) {
    this.placeholder = Objects.requireNonNull(placeholder, "placeholder == null");
    this.origin = Objects.requireNonNull(origin, "origin == null");
  }

  @Override
  public Response intercept(Chain chain) throws IOException {
    Request request = chain.request();
    HttpUrl url = request.url();
    if (placeholder.equals(origin) || !sameOrigin(url, placeholder)) {
      return chain.proceed(request);
    }
    HttpUrl real = url.newBuilder().scheme(origin.scheme()).host(origin.host()).port(origin.port()).build();
    return chain.proceed(request.newBuilder().url(real).build());
  }

  private static boolean sameOrigin(HttpUrl a, HttpUrl b) {
    return a.scheme().equals(b.scheme()) && a.host().equals(b.host()) && a.port() == b.port();
  }
}
