package dev.secureinflux.auth;

import dev.secureinflux.testkit.InfluxServer;
import dev.secureinflux.testkit.TestTls;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
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
import org.influxdb.InfluxDBIOException;
import org.junit.jupiter.api.function.Executable;

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

  /**
   * Test-only stand-in for the core module's client: {@code bare} behind an {@link InfluxDB} that also implements
   * {@link CredentialSafeClient} (reporting {@code user}, may be null). Only for clients built here, which send
   * credentials only over verified TLS or to loopback.
   */
  static InfluxDB credentialSafe(InfluxDB bare, String user) {
    return (InfluxDB) Proxy.newProxyInstance(TestClients.class.getClassLoader(),
        new Class<?>[] {InfluxDB.class, CredentialSafeClient.class}, (proxy, method, args) -> {
          if (method.getDeclaringClass() == CredentialSafeClient.class) {
            return java.util.Optional.ofNullable(user);
          }
          if (isObjectMethod(method, "equals", 1)) {
            return proxy == args[0];
          }
          if (isObjectMethod(method, "hashCode", 0)) {
            return System.identityHashCode(proxy);
          }
          try {
            return method.invoke(bare, args);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
        });
  }

  private static boolean isObjectMethod(Method method, String name, int parameters) {
    return method.getName().equals(name) && method.getParameterCount() == parameters;
  }

  /** {@link #influx} wrapped by {@link #credentialSafe}, for {@link InfluxUsers}. */
  static InfluxDB safeInflux(InfluxServer server, Credentials credentials) {
    return credentialSafe(influx(server, credentials), credentials.user().orElse(null));
  }

  /**
   * Asserts that {@code call} (an influxdb-java call through {@link AuthInterceptor}) throws influxdb-java's
   * {@link InfluxDBIOException} wrapping an {@link AuthFailureIOException} whose cause is a {@code type}; returns
   * that typed exception, as {@link AuthException#unwrap(Throwable)} finds it.
   */
  static <T extends AuthException> T assertAuthFailure(Class<T> type, Executable call, String... message) {
    InfluxDBIOException e = assertThrows(InfluxDBIOException.class, call, message.length > 0 ? message[0] : null);
    AuthFailureIOException io = assertInstanceOf(AuthFailureIOException.class, e.getCause());
    T typed = assertInstanceOf(type, io.getCause());
    assertInstanceOf(type, AuthException.unwrap(e).orElseThrow(() -> new AssertionError("unwrap found nothing")));
    return typed;
  }
}
