package dev.secureinflux.internal;

import java.util.Objects;
import okhttp3.OkHttpClient;

/**
 * An OkHttp builder with the connection policy applied for one URL: made only by
 * {@link OkHttpPolicy#apply}, consumed only by {@link GuardedInfluxDB#connect}, so a
 * {@link dev.secureinflux.auth.CredentialSafeClient} can only be built over such a transport, never around an
 * arbitrary {@code InfluxDB}. Not API.
 */
public final class HardenedOkHttp {
  final ServerUrl url;
  final OkHttpClient.Builder builder;

  HardenedOkHttp(ServerUrl url, OkHttpClient.Builder builder) {
    this.url = Objects.requireNonNull(url, "url == null");
    this.builder = Objects.requireNonNull(builder, "builder == null");
  }

  /** Format unspecified; the URL's scheme, host and port only. */
  @Override
  public String toString() {
    return "HardenedOkHttp{" + url.display() + "}";
  }
}
