package dev.secureinflux.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.secureinflux.SecureInflux;
import dev.secureinflux.auth.Credentials;
import dev.secureinflux.tls.TlsConfig;
import java.lang.reflect.Field;
import java.lang.reflect.Proxy;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import okhttp3.Authenticator;
import okhttp3.CipherSuite;
import okhttp3.ConnectionSpec;
import okhttp3.Dns;
import okhttp3.Interceptor;
import okhttp3.OkHttpClient;
import okhttp3.TlsVersion;
import okhttp3.internal.tls.OkHostnameVerifier;
import org.influxdb.InfluxDB;
import org.influxdb.impl.InfluxDBImpl;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The {@link OkHttpClient} influxdb-java actually uses inside a client from {@code SecureInflux.builder().build()}
 * (read from {@code InfluxDBImpl}'s private field): host name verifier, connection specs, timeouts. Nothing is
 * connected; the DNS is a tripwire that fails the test if asked anything.
 */
class SecuredOkHttpClientTest {
  private final List<String> lookups = new CopyOnWriteArrayList<>();
  private final Dns tripwire = host -> {
    lookups.add(host);
    throw new UnknownHostException("tripwire: test tried to resolve " + host);
  };

  @AfterEach
  void nothingResolved() {
    assertEquals(List.of(), lookups, "tripwire: a name was resolved");
  }

  private SecureInflux.Builder builder(String url) {
    return SecureInflux.builder().url(url).credentials(Credentials.basic("app", "pw-Secret-1".toCharArray()));
  }

  private OkHttpClient.Builder userBuilder() {
    return new OkHttpClient.Builder().dns(tripwire);
  }

  /** The OkHttpClient inside influxdb-java's client: GuardedInfluxDB -> AuthUnwrapping proxy -> InfluxDBImpl. */
  private static OkHttpClient okHttpOf(InfluxDB influx) throws ReflectiveOperationException {
    return clientOf(((GuardedInfluxDB) influx).delegate);
  }

  /** The OkHttpClient of the client that sends statements carrying a secret. */
  private static OkHttpClient secretOkHttpOf(InfluxDB influx) throws ReflectiveOperationException {
    return clientOf(((GuardedInfluxDB) influx).secrets);
  }

  private static OkHttpClient clientOf(InfluxDB proxy) throws ReflectiveOperationException {
    InfluxDB impl = ((AuthUnwrapping) Proxy.getInvocationHandler(proxy)).delegate;
    Field client = InfluxDBImpl.class.getDeclaredField("client");
    client.setAccessible(true);
    return (OkHttpClient) client.get(impl);
  }

  @Test
  void build_https_okHttpVerifiesHostNamesWithTlsConfigsVerifier() throws Exception {
    try (InfluxDB influx = builder("https://influx.example.com:8086").okHttpClient(userBuilder()).build()) {
      OkHttpClient client = okHttpOf(influx);
      TlsConfig tls = (TlsConfig) ((GuardedInfluxDB) influx).onClose;
      assertNotSame(OkHostnameVerifier.INSTANCE, client.hostnameVerifier(), "OkHttp's default verifier in use");
      // TlsConfig.hostnameVerifier() hands out a new method reference each call: same class, same rule.
      assertEquals(tls.hostnameVerifier().getClass(), client.hostnameVerifier().getClass());
      assertTrue(client.x509TrustManager() == tls.trustManager(), "the TlsConfig's trust manager");
    }
  }

  @Test
  void build_httpsWithUserCleartextSpecs_exactlyOneTlsSpecOfTheTlsPolicy() throws Exception {
    OkHttpClient.Builder user = userBuilder()
        .connectionSpecs(List.of(ConnectionSpec.CLEARTEXT, ConnectionSpec.COMPATIBLE_TLS));
    try (InfluxDB influx = builder("https://influx.example.com:8086").okHttpClient(user).build()) {
      OkHttpClient client = okHttpOf(influx);
      TlsConfig tls = (TlsConfig) ((GuardedInfluxDB) influx).onClose;
      List<ConnectionSpec> specs = client.connectionSpecs();
      assertEquals(1, specs.size(), specs.toString());
      ConnectionSpec spec = specs.get(0);
      assertTrue(spec.isTls(), spec.toString());
      assertFalse(specs.contains(ConnectionSpec.CLEARTEXT), specs.toString());
      assertEquals(tls.protocols(), spec.tlsVersions().stream().map(TlsVersion::javaName)
          .collect(Collectors.toList()));
      assertEquals(tls.cipherSuites(), spec.cipherSuites().stream().map(CipherSuite::javaName)
          .collect(Collectors.toList()));
    }
  }

  @Test
  void build_plainHttpLoopbackWithUserTlsSpecs_cleartextOnly() throws Exception {
    OkHttpClient.Builder user = userBuilder().connectionSpecs(List.of(ConnectionSpec.MODERN_TLS,
        ConnectionSpec.CLEARTEXT));
    try (InfluxDB influx = builder("http://127.0.0.1:8086").okHttpClient(user).build()) {
      assertEquals(List.of(ConnectionSpec.CLEARTEXT), okHttpOf(influx).connectionSpecs());
    }
  }

  @Test
  void build_noOkHttpBuilder_defaultTimeouts() throws Exception {
    try (InfluxDB influx = builder("https://influx.example.com:8086").build()) {
      OkHttpClient client = okHttpOf(influx);
      assertEquals(10_000, client.connectTimeoutMillis());
      assertEquals(30_000, client.readTimeoutMillis());
      assertEquals(30_000, client.writeTimeoutMillis());
      assertEquals(0, client.callTimeoutMillis());
    }
  }

  private OkHttpClient.Builder userTimeouts() {
    return userBuilder().connectTimeout(Duration.ofSeconds(3)).readTimeout(Duration.ofSeconds(4))
        .writeTimeout(Duration.ofSeconds(5)).callTimeout(Duration.ofSeconds(6));
  }

  @Test
  void build_userBuilderTimeouts_keptUnlessSetOnSecureBuilder() throws Exception {
    try (InfluxDB influx = builder("https://influx.example.com:8086").okHttpClient(userTimeouts()).build()) {
      OkHttpClient client = okHttpOf(influx);
      assertEquals(3_000, client.connectTimeoutMillis());
      assertEquals(4_000, client.readTimeoutMillis());
      assertEquals(5_000, client.writeTimeoutMillis());
      assertEquals(6_000, client.callTimeoutMillis());
    }
    // One set on SecureInflux.Builder: only that one changes.
    try (InfluxDB influx = builder("http://localhost:8086").okHttpClient(userTimeouts())
        .readTimeout(Duration.ofSeconds(40)).build()) {
      OkHttpClient client = okHttpOf(influx);
      assertEquals(3_000, client.connectTimeoutMillis());
      assertEquals(40_000, client.readTimeoutMillis());
      assertEquals(5_000, client.writeTimeoutMillis());
      assertEquals(6_000, client.callTimeoutMillis());
    }
  }

  @Test
  void build_secureBuilderTimeouts_winOverUserBuilder() throws Exception {
    try (InfluxDB influx = builder("https://influx.example.com:8086").okHttpClient(userTimeouts())
        .connectTimeout(Duration.ofSeconds(11)).readTimeout(Duration.ofSeconds(12))
        .writeTimeout(Duration.ofSeconds(13)).callTimeout(Duration.ZERO).build()) {
      OkHttpClient client = okHttpOf(influx);
      assertEquals(11_000, client.connectTimeoutMillis());
      assertEquals(12_000, client.readTimeoutMillis());
      assertEquals(13_000, client.writeTimeoutMillis());
      assertEquals(0, client.callTimeoutMillis());
    }
  }

  @Test
  void build_userInterceptors_absentFromSecretClientWhichSharesEverythingElse() throws Exception {
    Interceptor application = chain -> chain.proceed(chain.request());
    Interceptor network = chain -> chain.proceed(chain.request());
    Authenticator authenticator = (route, response) -> null;
    OkHttpClient.Builder user = userTimeouts().addInterceptor(application).addNetworkInterceptor(network)
        .authenticator(authenticator);
    try (InfluxDB influx = builder("https://influx.example.com:8086").okHttpClient(user).build()) {
      OkHttpClient main = okHttpOf(influx);
      OkHttpClient secrets = secretOkHttpOf(influx);
      assertTrue(main.interceptors().contains(application) && main.networkInterceptors().contains(network));
      assertSame(authenticator, main.authenticator());
      assertFalse(secrets.interceptors().contains(application), secrets.interceptors().toString());
      assertFalse(secrets.networkInterceptors().contains(network), secrets.networkInterceptors().toString());
      assertSame(Authenticator.NONE, secrets.authenticator());
      assertEquals(classes(main.interceptors()).subList(0, 2), classes(secrets.interceptors()).subList(0, 2));
      assertEquals(classes(main.networkInterceptors()).subList(1, main.networkInterceptors().size()),
          classes(secrets.networkInterceptors()), "ours, after the user's");
      assertSame(main.connectionPool(), secrets.connectionPool());
      assertSame(main.dispatcher(), secrets.dispatcher());
      assertSame(main.x509TrustManager(), secrets.x509TrustManager());
      assertEquals(main.hostnameVerifier().getClass(), secrets.hostnameVerifier().getClass());
      assertEquals(main.connectionSpecs(), secrets.connectionSpecs());
      assertEquals(main.dns().getClass(), secrets.dns().getClass());
      assertFalse(secrets.followRedirects());
      assertEquals(List.of(3_000, 4_000, 5_000, 6_000), List.of(secrets.connectTimeoutMillis(),
          secrets.readTimeoutMillis(), secrets.writeTimeoutMillis(), secrets.callTimeoutMillis()));
    }
  }

  private static List<Class<?>> classes(List<Interceptor> interceptors) {
    return interceptors.stream().map(Object::getClass).collect(Collectors.toList());
  }

  @Test
  void close_noUserBuilder_shutsItsOwnDispatcherDown() throws Exception {
    InfluxDB influx = builder("https://influx.example.com:8086").build();
    OkHttpClient client = okHttpOf(influx);
    influx.close();
    assertTrue(client.dispatcher().executorService().isShutdown(), "its dispatcher threads would linger");
  }

  @Test
  void close_userBuilder_leavesItsDispatcherRunning() throws Exception {
    OkHttpClient.Builder user = userBuilder();
    InfluxDB influx = builder("https://influx.example.com:8086").okHttpClient(user).build();
    OkHttpClient client = okHttpOf(influx);
    influx.close();
    assertFalse(client.dispatcher().executorService().isShutdown(), "the user's dispatcher was shut down");
    client.dispatcher().executorService().shutdown();
  }
}
