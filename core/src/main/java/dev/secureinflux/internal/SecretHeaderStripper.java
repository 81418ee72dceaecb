package dev.secureinflux.internal;

import java.io.IOException;
import java.util.List;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;

/**
 * Last of the application interceptors we hand influxdb-java (so after the user's, and before influxdb-java's own
 * {@code HttpLoggingInterceptor}): removes the {@code Authorization}, {@code Proxy-Authorization} and
 * {@code Cookie} headers that user interceptors may have added, so that no log level can print them.
 *
 * <p>Credentials come only from the auth module's network interceptor, which runs later and is never logged.
 */
public final class SecretHeaderStripper implements Interceptor {
  /** The request headers removed. */
  public static final List<String> STRIPPED = List.of("Authorization", "Proxy-Authorization", "Cookie");

  @Override
  public Response intercept(Chain chain) throws IOException {
    Request request = chain.request();
    boolean present = false;
    for (String name : STRIPPED) {
      present |= request.header(name) != null;
    }
    if (!present) {
      return chain.proceed(request);
    }
    Request.Builder stripped = request.newBuilder();
    for (String name : STRIPPED) {
      stripped.removeHeader(name);
    }
    return chain.proceed(stripped.build());
  }

  @Override
  public String toString() {
    return "SecretHeaderStripper" + STRIPPED;
  }
}
