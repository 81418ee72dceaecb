package dev.secureinflux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.secureinflux.auth.Credentials;
import dev.secureinflux.tls.TrustMaterial;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ProxySelector;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.HostnameVerifier;
import okhttp3.CertificatePinner;
import okhttp3.OkHttpClient;
import org.influxdb.InfluxDB;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every refusal of {@code build()}, each with a tripwire under the client; and the loopback hosts that pass. */
class SecureInfluxBuilderTest {
  private static final String PASSWORD = "hunter2-Secret!";
  private static final String PIN = "sha256/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=";

  private final Tripwire tripwire = new Tripwire();

  @AfterEach
  void nothingLeftLoopback() {
    assertEquals(List.of(), tripwire.trips, "tripwire: a name was resolved or a socket connected");
  }

  private SecureInflux.Builder builder(String url) {
    return SecureInflux.builder().url(url).credentials(Credentials.basic("app", PASSWORD.toCharArray()))
        .okHttpClient(tripwire.okHttpFor(url));
  }

  private static void assertNoSecret(Throwable e) {
    assertFalse(e.getMessage().contains(PASSWORD), e.getMessage());
    assertFalse(e.getMessage().contains("hunter2"), e.getMessage());
  }

  @Test
  void build_noUrl_throwsMissingUrl() {
    SecureInflux.Builder b = SecureInflux.builder().credentials(Credentials.basic("app", PASSWORD.toCharArray()));
    MissingUrlException e = assertThrows(MissingUrlException.class, b::build);
    assertTrue(e.getMessage().contains("url("), e.getMessage());
  }

  @Test
  void build_noCredentials_throwsMissingCredentials() {
    SecureInflux.Builder b = SecureInflux.builder().url("https://influx.example.com:8086")
        .okHttpClient(tripwire.okHttp());
    MissingCredentialsException e = assertThrows(MissingCredentialsException.class, b::build);
    assertTrue(e.getMessage().contains("https://influx.example.com:8086"), e.getMessage());
    assertTrue(e.getMessage().contains("credentials("), e.getMessage());
  }

  @ParameterizedTest
  @ValueSource(strings = {"https://app:hunter2-Secret!@influx.example.com:8086",
      "http://app:hunter2-Secret!@localhost:8086", "https://hunter2@influx.example.com",
      "https://app:hunter2 x@influx example.com/"})
  void build_credentialsInUrl_throwsWithoutEchoingThem(String url) {
    CredentialsInUrlException e = assertThrows(CredentialsInUrlException.class, () -> builder(url).build());
    assertNoSecret(e);
    assertTrue(e.getMessage().contains("credentials(Credentials.basic"), e.getMessage());
  }

  @ParameterizedTest
  @ValueSource(strings = {"ftp://influx.example.com:8086", "ws://localhost:8086", "file:/etc/passwd",
      "udp://127.0.0.1:8089"})
  void build_otherScheme_throwsUnsupportedScheme(String url) {
    UnsupportedSchemeException e = assertThrows(UnsupportedSchemeException.class, () -> builder(url).build());
    assertTrue(e.getMessage().contains("use https://"), e.getMessage());
  }

  @Test
  void build_noScheme_throwsInvalidUrl() {
    InvalidUrlException e = assertThrows(InvalidUrlException.class,
        () -> builder("influx.example.com:8086").build());
    assertTrue(e.getMessage().contains("must start with https://"), e.getMessage());
  }

  @ParameterizedTest
  @ValueSource(strings = {"https://influx.example.com:8086/?u=app&p=hunter2", "http://localhost:8086/#hunter2"})
  void build_queryOrFragment_throwsInvalidUrlWithoutEchoingIt(String url) {
    InvalidUrlException e = assertThrows(InvalidUrlException.class, () -> builder(url).build());
    assertNoSecret(e);
    assertTrue(e.getMessage().contains("query or fragment"), e.getMessage());
  }

  @ParameterizedTest
  @ValueSource(strings = {"influx.example.com", "0.0.0.0", "[::]", "127.1", "0x7f.0.0.1", "2130706433",
      "127.0.0.01", "0177.0.0.1", "10.0.0.1", "localhost.example.invalid", "localhost.localdomain",
      "127.0.0.1.example.invalid", "[::2]", "[fe80::1]", "example.invalid", "128.0.0.1", "127.0.0.256",
      "loopback-alias.invalid"})
  void build_plainHttpToNonLoopback_throwsPlaintextRefused(String host) {
    PlaintextRefusedException e = assertThrows(PlaintextRefusedException.class,
        () -> builder("http://" + host + ":8086").build());
    assertTrue(e.getMessage().contains("Use https://"), e.getMessage());
    assertTrue(e.getMessage().contains("not loopback"), e.getMessage());
  }

  @Test
  void build_plainHttpToNameResolvingToLoopback_throwsPlaintextRefusedWithoutLookup() throws Exception {
    // The test JVMs' hosts file (src/test/resources/loopback-hosts) maps this name to 127.0.0.1.
    assertTrue(java.net.InetAddress.getByName("loopback-alias.invalid").isLoopbackAddress(), "hosts file premise");
    PlaintextRefusedException e = assertThrows(PlaintextRefusedException.class,
        () -> builder("http://loopback-alias.invalid:8086").build());
    assertTrue(e.getMessage().contains("http://loopback-alias.invalid:8086"), e.getMessage());
    assertTrue(e.getMessage().contains("Use https://loopback-alias.invalid:8086"), e.getMessage());
    assertEquals(List.of(), tripwire.lookups, "the rule reads the URL's text, it asks no resolver");
  }

  @Test
  void build_ipv4MappedLoopback_isRefused() {
    SecureInfluxException e = assertThrows(SecureInfluxException.class,
        () -> builder("http://[::ffff:127.0.0.1]:8086").build());
    assertTrue(e instanceof PlaintextRefusedException || e instanceof InvalidUrlException, e.toString());
  }

  @ParameterizedTest
  @ValueSource(strings = {"http://localhost:8086", "http://LocalHost.:8086", "http://localhost.:8086/",
      "http://127.0.0.1:8086", "http://127.255.255.254:1", "http://[::1]:8086", "http://[0:0:0:0:0:0:0:1]:8086",
      "http://localhost:8086/influx"})
  void build_plainHttpToLoopback_buildsWithoutConnecting(String url) {
    try (InfluxDB influx = builder(url).build()) {
      assertTrue(influx.toString().contains("user=app"), influx.toString());
      assertFalse(influx.toString().contains(PASSWORD), influx.toString());
    }
  }

  @Test
  void build_trustOnPlainHttp_throwsTlsSettingsOnPlainHttp() {
    TlsSettingsOnPlainHttpException e = assertThrows(TlsSettingsOnPlainHttpException.class,
        () -> builder("http://localhost:8086").trust(TrustMaterial.system()).build());
    assertTrue(e.getMessage().contains("https://"), e.getMessage());
    assertTrue(e.getMessage().contains("http://localhost:8086"), e.getMessage());
  }

  @Test
  void build_identityOnPlainHttp_throwsTlsSettingsOnPlainHttp(
      @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
    dev.secureinflux.testkit.TestCertificate ca = dev.secureinflux.testkit.TestCertificate.newRootCa("CA");
    dev.secureinflux.testkit.TestCertificate client = dev.secureinflux.testkit.TestCertificate.builder().issuer(ca)
        .commonName("app").clientAuth().build();
    dev.secureinflux.tls.KeyMaterial identity = dev.secureinflux.tls.KeyMaterial.pem(
        client.writeChainPem(dir.resolve("c.pem")), client.writePrivateKeyPem(dir.resolve("c.key")), null);
    TlsSettingsOnPlainHttpException e = assertThrows(TlsSettingsOnPlainHttpException.class,
        () -> builder("http://[::1]:8086").identity(identity).build());
    assertTrue(e.getMessage().contains("identity(..)"), e.getMessage());
  }

  @Test
  void build_reloadingOnPlainHttp_throwsTlsSettingsOnPlainHttp() {
    TlsSettingsOnPlainHttpException e = assertThrows(TlsSettingsOnPlainHttpException.class,
        () -> builder("http://localhost:8086").reloading(Duration.ofSeconds(5)).build());
    assertTrue(e.getMessage().contains("reloading(..)"), e.getMessage());
    assertTrue(e.getMessage().contains("http://localhost:8086"), e.getMessage());
  }

  @Test
  void build_pinOnPlainHttp_throwsTlsSettingsOnPlainHttp() {
    assertThrows(TlsSettingsOnPlainHttpException.class, () -> builder("http://127.0.0.1:8086").pin(PIN).build());
  }

  @ParameterizedTest
  @ValueSource(strings = {"sha1/AAAAAAAAAAAAAAAAAAAAAAAAAAA=", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=",
      "sha256/not base64!", "sha256/AAAA", ""})
  void pin_malformed_throwsInvalidPin(String pin) {
    InvalidPinException e = assertThrows(InvalidPinException.class, () -> builder("https://h.example:1").pin(pin));
    assertTrue(e.getMessage().contains("sha256/"), e.getMessage());
  }

  @Test
  void build_userSslSocketFactory_throwsUnsafeOkHttpSetting() throws Exception {
    javax.net.ssl.TrustManagerFactory tmf =
        javax.net.ssl.TrustManagerFactory.getInstance(javax.net.ssl.TrustManagerFactory.getDefaultAlgorithm());
    tmf.init((java.security.KeyStore) null);
    javax.net.ssl.X509TrustManager tm = (javax.net.ssl.X509TrustManager) tmf.getTrustManagers()[0];
    javax.net.ssl.SSLContext ctx = javax.net.ssl.SSLContext.getInstance("TLS");
    ctx.init(null, new javax.net.ssl.TrustManager[] {tm}, null);
    OkHttpClient.Builder ok = tripwire.okHttp().sslSocketFactory(ctx.getSocketFactory(), tm);
    UnsafeOkHttpSettingException e = assertThrows(UnsafeOkHttpSettingException.class,
        () -> builder("https://influx.example.com").okHttpClient(ok).build());
    assertTrue(e.getMessage().contains("sslSocketFactory"), e.getMessage());
    assertTrue(e.getMessage().contains("trust("), e.getMessage());
  }

  @Test
  void build_userHostnameVerifier_throwsUnsafeOkHttpSetting() {
    HostnameVerifier anything = (host, session) -> true;
    UnsafeOkHttpSettingException e = assertThrows(UnsafeOkHttpSettingException.class,
        () -> builder("https://influx.example.com").okHttpClient(tripwire.okHttp().hostnameVerifier(anything))
            .build());
    assertTrue(e.getMessage().contains("hostnameVerifier"), e.getMessage());
  }

  @Test
  void build_userCertificatePinner_throwsUnsafeOkHttpSetting() {
    CertificatePinner pinner = new CertificatePinner.Builder().add("influx.example.com", PIN).build();
    UnsafeOkHttpSettingException e = assertThrows(UnsafeOkHttpSettingException.class,
        () -> builder("https://influx.example.com").okHttpClient(tripwire.okHttp().certificatePinner(pinner))
            .build());
    assertTrue(e.getMessage().contains("pin(\"sha256/"), e.getMessage());
  }

  @Test
  void build_userProxyForPlainHttp_throwsUnsafeOkHttpSetting() {
    Proxy proxy = new Proxy(Proxy.Type.HTTP, InetSocketAddress.createUnresolved("proxy.example.invalid", 3128));
    UnsafeOkHttpSettingException e = assertThrows(UnsafeOkHttpSettingException.class,
        () -> builder("http://localhost:8086").okHttpClient(tripwire.okHttpPlain().proxy(proxy)).build());
    assertTrue(e.getMessage().contains("proxy"), e.getMessage());
  }

  @Test
  void build_userProxySelectorForPlainHttp_throwsUnsafeOkHttpSetting() {
    OkHttpClient.Builder ok = tripwire.okHttpPlain().proxySelector(ProxySelector.getDefault());
    UnsafeOkHttpSettingException e = assertThrows(UnsafeOkHttpSettingException.class,
        () -> builder("http://localhost:8086").okHttpClient(ok).build());
    assertTrue(e.getMessage().contains("proxySelector"), e.getMessage());
  }

  @Test
  void build_userSocketFactoryForPlainHttp_throwsUnsafeOkHttpSetting() {
    // A factory that only tunes options still makes new Socket()s, which a SOCKS proxy setting would reroute.
    OkHttpClient.Builder ok = tripwire.okHttpPlain().socketFactory(tripwire.sockets);
    UnsafeOkHttpSettingException e = assertThrows(UnsafeOkHttpSettingException.class,
        () -> builder("http://127.0.0.1:8086").okHttpClient(ok).build());
    assertTrue(e.getMessage().contains("socketFactory(..)"), e.getMessage());
    assertTrue(e.getMessage().contains("never through a SOCKS proxy"), e.getMessage());
    assertNoSecret(e);
  }

  @Test
  void build_userSocketFactoryForHttps_accepted() {
    try (InfluxDB influx = builder("https://influx.example.com:8086").okHttpClient(tripwire.okHttp()).build()) {
      assertTrue(influx.toString().contains("influx.example.com"), influx.toString());
    }
  }

  @Test
  void build_userEventListener_throwsUnsafeOkHttpSetting() {
    okhttp3.EventListener listener = new okhttp3.EventListener() { };
    for (String url : List.of("https://influx.example.com", "http://localhost:8086")) {
      UnsafeOkHttpSettingException e = assertThrows(UnsafeOkHttpSettingException.class,
          () -> builder(url).okHttpClient(tripwire.okHttpFor(url).eventListener(listener)).build());
      assertTrue(e.getMessage().contains("eventListener(..)"), e.getMessage());
      assertTrue(e.getMessage().contains("Authorization"), e.getMessage());
    }
  }

  @Test
  void build_userEventListenerFactory_throwsUnsafeOkHttpSetting() {
    List<okhttp3.Call> asked = new java.util.ArrayList<>();
    OkHttpClient.Builder ok = tripwire.okHttp().eventListenerFactory(call -> {
      asked.add(call);
      return okhttp3.EventListener.NONE; // Even a factory answering NONE is user code that could change.
    });
    UnsafeOkHttpSettingException e = assertThrows(UnsafeOkHttpSettingException.class,
        () -> builder("https://influx.example.com").okHttpClient(ok).build());
    assertTrue(e.getMessage().contains("eventListener(..)"), e.getMessage());
    assertEquals(List.of(), asked, "the user's factory is not called by the check");
  }

  @Test
  void build_eventListenerNone_accepted() {
    OkHttpClient.Builder ok = tripwire.okHttp().eventListener(okhttp3.EventListener.NONE);
    try (InfluxDB influx = builder("https://influx.example.com").okHttpClient(ok).build()) {
      assertTrue(influx.toString().contains("user=app"), influx.toString());
    }
  }

  @Test
  void timeouts_negative_throwIllegalArgument() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> SecureInflux.builder().readTimeout(Duration.ofSeconds(-1)));
    assertTrue(e.getMessage().contains("readTimeout"), e.getMessage());
  }

  @Test
  void toString_builderWithCredentialsInUrl_showsNoSecret() {
    String s = builder("https://app:hunter2-Secret!@influx.example.com:8086").toString();
    assertFalse(s.contains("hunter2"), s);
    assertTrue(s.contains("user=app"), s);
  }

  @Test
  void toString_builder_showsHostAndUser() {
    String s = builder("https://influx.example.com:8086").database("metrics").toString();
    assertTrue(s.contains("https://influx.example.com:8086"), s);
    assertTrue(s.contains("user=app"), s);
    assertFalse(s.contains(PASSWORD), s);
  }
}
