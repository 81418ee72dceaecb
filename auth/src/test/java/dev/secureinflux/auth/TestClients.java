package dev.secureinflux.auth;

import dev.secureinflux.testkit.InfluxServer;
import dev.secureinflux.testkit.TestTls;
import java.net.InetAddress;
import java.security.KeyStore;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import okhttp3.Dns;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import org.influxdb.InfluxDB;
import org.influxdb.InfluxDBFactory;

/** Plain influxdb-java / OkHttp clients for tests, with a DNS tripwire: only localhost resolves, to 127.0.0.1. */
final class TestClients {
  private TestClients() {}

  static final Dns LOOPBACK_ONLY_DNS = host -> {
    if (!host.equals("localhost")) {
      throw new AssertionError("test client tried to resolve " + host);
    }
    return List.of(InetAddress.getByAddress("localhost", new byte[] {127, 0, 0, 1}));
  };

  /** OkHttp for {@code server} (trusting its CA when HTTPS is on), with {@code credentials} if not null. */
  static OkHttpClient.Builder okHttp(InfluxServer server, Credentials credentials) {
    OkHttpClient.Builder builder = new OkHttpClient.Builder().dns(LOOPBACK_ONLY_DNS)
        .proxy(java.net.Proxy.NO_PROXY).readTimeout(30, TimeUnit.SECONDS);
    if (server.httpsEnabled()) {
      builder.sslSocketFactory(TestTls.clientContext(server.ca()).getSocketFactory(), trustManager(server));
    }
    if (credentials != null) {
      builder.addNetworkInterceptor(AuthInterceptor.create(credentials, HttpUrl.get(server.url())));
    }
    return builder;
  }

  /** influxdb-java over {@link #okHttp}. */
  static InfluxDB influx(InfluxServer server, Credentials credentials) {
    return InfluxDBFactory.connect(server.url(), okHttp(server, credentials));
  }

  static X509TrustManager trustManager(InfluxServer server) {
    try {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(null, null);
      store.setCertificateEntry("ca", server.ca().certificate());
      TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      factory.init(store);
      return (X509TrustManager) factory.getTrustManagers()[0];
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }
}
