package dev.secureinflux.internal;

import dev.secureinflux.UnsafeOkHttpSettingException;
import dev.secureinflux.tls.TlsConfig;
import java.net.Proxy;
import javax.net.SocketFactory;
import java.time.Duration;
import java.util.List;
import okhttp3.Authenticator;
import okhttp3.ConnectionSpec;
import okhttp3.EventListener;
import okhttp3.Interceptor;
import okhttp3.OkHttpClient;
import okhttp3.internal.tls.OkHostnameVerifier;

/**
 * Turns a user's {@link OkHttpClient.Builder} (or none) into the hardened one handed to influxdb-java.
 *
 * <p>Refused (the builder's own state is read with OkHttp 4.12's builder accessors, which have no public
 * equivalent): a custom {@code sslSocketFactory}, {@code hostnameVerifier}, {@code certificatePinner} or
 * {@code eventListener}/{@code eventListenerFactory} (listeners see the network request with its
 * {@code Authorization} header); for {@code http://} also a {@code proxy}, {@code proxySelector} or
 * {@code socketFactory}. Replaced: {@code connectionSpecs}, {@code followRedirects}, {@code followSslRedirects},
 * TLS, and for {@code http://} the proxy and socket factory ({@link LoopbackSocketFactory}). Wrapped: {@code dns}.
 * Added: {@link BodyParameters} before and {@link SecretHeaderStripper} after the user's interceptors. Kept:
 * timeouts not set on the secure builder, connection pool, dispatcher, interceptors, cache, cookie jar, and for
 * {@code https://} the socket factory. Statements carrying a secret get a second builder from the same base,
 * sharing its pool and dispatcher, without the user's application and network interceptors and authenticator.
 */
public final class OkHttpPolicy {
  /** Default timeouts when no OkHttp builder is handed in. */
  public static final Duration DEFAULT_CONNECT = Duration.ofSeconds(10);
  /** Default read timeout. */
  public static final Duration DEFAULT_READ = Duration.ofSeconds(30);
  /** Default write timeout. */
  public static final Duration DEFAULT_WRITE = Duration.ofSeconds(30);
  /** Default call timeout: none, because chunked queries stream for as long as they need. */
  public static final Duration DEFAULT_CALL = Duration.ZERO;

  private OkHttpPolicy() {}

  /** Throws {@link UnsafeOkHttpSettingException} for every setting of {@code user} that would weaken the rules. */
  public static void check(OkHttpClient.Builder user, boolean plainHttp) {
    if (user.getSslSocketFactoryOrNull$okhttp() != null || user.getX509TrustManagerOrNull$okhttp() != null) {
      throw refused("sslSocketFactory", "TLS comes from trust(..), identity(..) and pin(..) on "
          + "SecureInflux.builder()");
    }
    if (user.getHostnameVerifier$okhttp() != OkHostnameVerifier.INSTANCE) {
      throw refused("hostnameVerifier", "host names are always verified; for a server certificate without the "
          + "right name, trust its fingerprint with trust(TrustMaterial.fingerprint(..)) or reissue it");
    }
    if (!user.getCertificatePinner$okhttp().getPins().isEmpty()) {
      throw refused("certificatePinner", "use pin(\"sha256/...\") on SecureInflux.builder()");
    }
    if (plainHttp && user.getProxy$okhttp() != null && user.getProxy$okhttp() != Proxy.NO_PROXY) {
      throw refused("proxy", "plain HTTP is only for loopback and never goes through a proxy");
    }
    if (plainHttp && user.getProxySelector$okhttp() != null) {
      throw refused("proxySelector", "plain HTTP is only for loopback and never goes through a proxy");
    }
    if (plainHttp && user.getSocketFactory$okhttp() != SocketFactory.getDefault()) {
      throw refused("socketFactory", "plain-HTTP sockets are always made by SecureInflux, directly (never through a "
          + "SOCKS proxy) and only to loopback addresses; for https:// URLs your socketFactory is used");
    }
    if (!isDefaultEventListener(user.getEventListenerFactory$okhttp())) {
      throw refused("eventListener", "OkHttp hands event listeners the network request, whose Authorization "
          + "header carries the credentials; use an application interceptor (addInterceptor) for metrics");
    }
  }

  /** True for OkHttp's default factory (or {@code eventListener(EventListener.NONE)}), without calling user code. */
  private static boolean isDefaultEventListener(EventListener.Factory factory) {
    EventListener.Factory reference = new OkHttpClient.Builder().getEventListenerFactory$okhttp();
    // Only OkHttp's own eventListener(listener) wrapper has this class; its create(..) returns the listener.
    return factory.getClass() == reference.getClass() && factory.create(ProbeCall.INSTANCE) == EventListener.NONE;
  }

  private static UnsafeOkHttpSettingException refused(String setting, String fix) {
    return new UnsafeOkHttpSettingException("the OkHttpClient.Builder given to okHttpClient(..) sets "
        + setting + "(..), which SecureInflux does not accept: remove it; " + fix);
  }

  /**
   * The builders handed to influxdb-java (through {@link GuardedInfluxDB#connect}): {@code base} (built once from
   * the user's builder, after {@link #check}) with the policy applied, once with the user's interceptors and once
   * without them (for statements that carry a secret).
   *
   * @param userBuilder whether {@code base} comes from the user's {@code okHttpClient(..)} builder, whose
   *     dispatcher (and its executor) the user may share with other clients
   * @param generationOrNull retires connections after TLS reloads, when reloading is on
   * @param timeouts connect, read, write, call; a null entry keeps {@code base}'s value
   */
  public static HardenedOkHttp apply(OkHttpClient base, boolean userBuilder, ServerUrl url, TlsConfig tlsOrNull,
      TlsGeneration generationOrNull, Interceptor auth, Duration[] timeouts) {
    OkHttpClient.Builder withUserInterceptors = base.newBuilder();
    harden(withUserInterceptors, base, url, tlsOrNull, generationOrNull, auth, timeouts);
    // The user's application and network interceptors (an HttpLoggingInterceptor at BODY, say) never see a
    // statement carrying a password, nor does their authenticator (it is handed the 401 response's request).
    OkHttpClient.Builder forSecrets = base.newBuilder().authenticator(Authenticator.NONE);
    forSecrets.interceptors().clear();
    forSecrets.networkInterceptors().clear();
    harden(forSecrets, base, url, tlsOrNull, generationOrNull, auth, timeouts);
    return new HardenedOkHttp(url, withUserInterceptors, forSecrets, userBuilder, base.connectionPool());
  }

  private static void harden(OkHttpClient.Builder b, OkHttpClient base, ServerUrl url, TlsConfig tlsOrNull,
      TlsGeneration generationOrNull, Interceptor auth, Duration[] timeouts) {
    b.interceptors().add(0, new OriginInterceptor(okhttp3.HttpUrl.get(url.influxUrl()), url.origin()));
    b.interceptors().add(1, new BodyParameters()); // Before the user's: they see the request as sent.
    if (generationOrNull != null) {
      b.addNetworkInterceptor(generationOrNull);
    }
    if (!url.plainHttp()) {
      b.addNetworkInterceptor(new ClientCertificateErrors(url.display()));
    }
    b.addInterceptor(new SecretHeaderStripper()); // Last of ours; influxdb-java appends its logger after it.
    b.addNetworkInterceptor(auth);
    b.followRedirects(false).followSslRedirects(false);
    b.dns(new PolicyDns(base.dns(), url.plainHttp()));
    if (url.plainHttp()) {
      b.proxy(Proxy.NO_PROXY);
      b.socketFactory(new LoopbackSocketFactory()); // check(..) refused any other factory.
      b.connectionSpecs(List.of(ConnectionSpec.CLEARTEXT));
    } else {
      b.sslSocketFactory(tlsOrNull.socketFactory(), tlsOrNull.trustManager());
      b.hostnameVerifier(tlsOrNull.hostnameVerifier());
      ConnectionSpec spec = new ConnectionSpec.Builder(ConnectionSpec.RESTRICTED_TLS)
          .tlsVersions(tlsOrNull.protocols().toArray(new String[0]))
          .cipherSuites(tlsOrNull.cipherSuites().toArray(new String[0]))
          .build();
      b.connectionSpecs(List.of(spec));
    }
    if (timeouts[0] != null) {
      b.connectTimeout(timeouts[0]);
    }
    if (timeouts[1] != null) {
      b.readTimeout(timeouts[1]);
    }
    if (timeouts[2] != null) {
      b.writeTimeout(timeouts[2]);
    }
    if (timeouts[3] != null) {
      b.callTimeout(timeouts[3]);
    }
  }
}
