package dev.secureinflux.tls;

import static dev.secureinflux.tls.CertificateRejectedException.Reason.NOT_A_SERVER_CHECK;
import static dev.secureinflux.tls.CertificateRejectedException.Reason.NO_PEER_HOST;
import static dev.secureinflux.tls.Handshakes.assertRejected;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.secureinflux.testkit.TestCertificate;
import java.security.KeyManagementException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.X509ExtendedTrustManager;
import org.junit.jupiter.api.Test;

/** Builder rules and the policy carried by every entry point (context, factory, engine, parameters). */
class TlsConfigTest {
  private static final TestCertificate ROOT = TestCertificate.newRootCa("Config Test Root");
  private static final TestCertificate SERVER = TestCertificate.builder().issuer(ROOT).localhostServer().build();

  private static TlsConfig config() {
    return TlsConfig.builder().trust(TrustMaterial.certificates(ROOT.certificate())).build();
  }

  @Test
  void build_defaults_tls13And12WithAeadSuitesOnly() {
    TlsConfig tls = TlsConfig.builder().build();
    assertEquals(List.of("TLSv1.3", "TLSv1.2"), tls.protocols());
    assertEquals(TlsConfig.DEFAULT_CIPHER_SUITES, tls.cipherSuites());
    for (String suite : tls.cipherSuites()) {
      assertTrue(suite.startsWith("TLS_AES_") || suite.startsWith("TLS_CHACHA20_")
          || (suite.startsWith("TLS_ECDHE_") && (suite.contains("_GCM_") || suite.contains("CHACHA20"))), suite);
    }
    // System trust by default: the JDK's anchors are the accepted issuers.
    assertTrue(tls.trustManager().getAcceptedIssuers().length > 10);
  }

  @Test
  void socketFactory_sockets_enableOnlyPolicy() throws Exception {
    TlsConfig tls = config();
    try (SSLSocket s = (SSLSocket) tls.socketFactory().createSocket()) {
      assertEquals(tls.protocols(), List.of(s.getEnabledProtocols()));
      assertEquals(tls.cipherSuites(), List.of(s.getEnabledCipherSuites()));
    }
    assertArrayEquals(tls.cipherSuites().toArray(), tls.socketFactory().getSupportedCipherSuites());
  }

  @Test
  void sslContext_everyEntryPoint_carriesPolicy() throws Exception {
    TlsConfig tls = TlsConfig.builder().trust(TrustMaterial.certificates(ROOT.certificate()))
        .protocols("TLSv1.3").cipherSuites("TLS_AES_256_GCM_SHA384").build();
    SSLContext context = tls.sslContext();
    try (SSLSocket s = (SSLSocket) context.getSocketFactory().createSocket()) {
      assertArrayEquals(new String[] {"TLSv1.3"}, s.getEnabledProtocols());
      assertArrayEquals(new String[] {"TLS_AES_256_GCM_SHA384"}, s.getEnabledCipherSuites());
    }
    SSLEngine engine = context.createSSLEngine("localhost", 8086);
    assertArrayEquals(new String[] {"TLSv1.3"}, engine.getEnabledProtocols());
    assertArrayEquals(new String[] {"TLS_AES_256_GCM_SHA384"}, engine.getEnabledCipherSuites());
    assertTrue(engine.getUseClientMode());
    assertArrayEquals(new String[] {"TLSv1.3"}, context.createSSLEngine().getEnabledProtocols());
    assertArrayEquals(new String[] {"TLSv1.3"}, context.getDefaultSSLParameters().getProtocols());
    assertArrayEquals(new String[] {"TLSv1.3"}, context.getSupportedSSLParameters().getProtocols());
    SSLParameters p = tls.sslParameters();
    assertArrayEquals(new String[] {"TLS_AES_256_GCM_SHA384"}, p.getCipherSuites());
  }

  @Test
  void sslContext_init_refused() {
    KeyManagementException e = assertThrows(KeyManagementException.class,
        () -> config().sslContext().init(null, null, null));
    assertTrue(e.getMessage().contains("cannot be re-initialised"), e.getMessage());
  }

  @Test
  void sslContext_serverSocketFactory_refused() {
    UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class,
        () -> config().sslContext().getServerSocketFactory());
    assertTrue(e.getMessage().contains("TLS clients only"), e.getMessage());
  }

  @Test
  void protocols_outsidePolicy_throwsNamingIt() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> TlsConfig.builder().protocols("TLSv1.3", "TLSv1.1"));
    assertTrue(e.getMessage().contains("protocol TLSv1.1 is outside the policy"), e.getMessage());
    assertTrue(e.getMessage().contains("TLSv1.3, TLSv1.2"), e.getMessage());
  }

  @Test
  void cipherSuites_cbcOrRsaKeyExchange_throwsNamingIt() {
    for (String suite : List.of("TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA", "TLS_RSA_WITH_AES_128_GCM_SHA256",
        "TLS_DHE_RSA_WITH_AES_128_GCM_SHA256", "SSL_RSA_WITH_3DES_EDE_CBC_SHA")) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> TlsConfig.builder().cipherSuites(suite));
      assertTrue(e.getMessage().contains("cipher suite " + suite + " is outside the policy"), e.getMessage());
    }
  }

  @Test
  void protocols_empty_throws() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TlsConfig.builder().protocols());
    assertTrue(e.getMessage().contains("protocols() needs at least one protocol"), e.getMessage());
  }

  @Test
  void build_tls13WithOnlyTls12Suites_throwsNamingBoth() {
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> TlsConfig.builder()
        .protocols("TLSv1.3").cipherSuites("TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256").build());
    assertTrue(e.getMessage().contains("protocols(TLSv1.3) and cipherSuites(TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256)"
        + " cannot be used together"), e.getMessage());
  }

  @Test
  void protocols_narrowed_keptInOrder() {
    TlsConfig tls = TlsConfig.builder().trust(TrustMaterial.certificates(ROOT.certificate())).protocols("TLSv1.2")
        .build();
    assertEquals(List.of("TLSv1.2"), tls.protocols());
  }

  @Test
  void protocols_arrayChangedAfterCall_notSeen() {
    String[] names = {"TLSv1.2"};
    TlsConfig.Builder b = TlsConfig.builder().trust(TrustMaterial.certificates(ROOT.certificate())).protocols(names);
    names[0] = "TLSv1.3";
    assertEquals(List.of("TLSv1.2"), b.build().protocols());
  }

  @Test
  void reloading_notPositive_throws() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> TlsConfig.builder().reloading(Duration.ZERO));
    assertTrue(e.getMessage().contains("reloading interval must be positive: PT0S"), e.getMessage());
  }

  @Test
  void builder_nulls_throwNamingParameter() {
    assertEquals("trust == null",
        assertThrows(NullPointerException.class, () -> TlsConfig.builder().trust(null)).getMessage());
    assertEquals("identity == null",
        assertThrows(NullPointerException.class, () -> TlsConfig.builder().identity(null)).getMessage());
    assertEquals("clock == null",
        assertThrows(NullPointerException.class, () -> TlsConfig.builder().clock(null)).getMessage());
    assertEquals("listener == null",
        assertThrows(NullPointerException.class, () -> TlsConfig.builder().addReloadListener(null)).getMessage());
  }

  @Test
  void checkServerTrusted_withoutSocket_refusedNoPeerHost() {
    X509Certificate[] chain = SERVER.chain().toArray(new X509Certificate[0]);
    CertificateRejectedException e = assertThrows(CertificateRejectedException.class,
        () -> config().trustManager().checkServerTrusted(chain, "ECDHE_ECDSA"));
    assertRejected(e, NO_PEER_HOST, "no peer host name", "createSocket(host, port)");
    X509ExtendedTrustManager extended = (X509ExtendedTrustManager) config().trustManager();
    assertRejected(assertThrows(CertificateRejectedException.class,
        () -> extended.checkServerTrusted(chain, "ECDHE_ECDSA", (SSLEngine) null)), NO_PEER_HOST, "SSLEngine");
  }

  @Test
  void checkClientTrusted_always_refused() {
    X509Certificate[] chain = SERVER.chain().toArray(new X509Certificate[0]);
    assertRejected(assertThrows(CertificateRejectedException.class,
        () -> config().trustManager().checkClientTrusted(chain, "ECDHE_ECDSA")), NOT_A_SERVER_CHECK,
        "only checks server certificates");
  }

  @Test
  void trustManager_acceptedIssuers_areConfiguredAnchors() {
    assertArrayEquals(new X509Certificate[] {ROOT.certificate()}, config().trustManager().getAcceptedIssuers());
  }

  @Test
  void hostnameVerifier_noSession_false() {
    assertFalse(config().hostnameVerifier().verify("localhost", null));
  }

  @Test
  void toString_namesSettingsOnly() {
    String s = config().toString();
    assertTrue(s.startsWith("TlsConfig{") && s.contains("TLSv1.3"), s);
  }
}
