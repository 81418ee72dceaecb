package dev.secureinflux.tls;

import static dev.secureinflux.tls.CertificateRejectedException.Reason.HOSTNAME_MISMATCH;
import static dev.secureinflux.tls.CertificateRejectedException.Reason.UNTRUSTED;
import static dev.secureinflux.tls.Handshakes.assertRejected;
import static dev.secureinflux.tls.Handshakes.rejection;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import dev.secureinflux.testkit.TestCertificate;
import dev.secureinflux.tls.internal.Pins;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.security.cert.Certificate;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.Test;

/**
 * {@code java.net.http.HttpClient} and {@code HttpsURLConnection} against the JDK's HTTPS server on 127.0.0.1:
 * both get the policy (trust and host name checked inside the trust manager) from a TlsConfig alone.
 */
class HandshakeHttpClientsTest {
  private static final TestCertificate ROOT = TestCertificate.newRootCa("HTTP Clients Root");
  private static final char[] STORE = "server-store".toCharArray();

  /** The JDK's HTTPS server on 127.0.0.1 presenting {@code identity}, answering 200 "ok" to everything. */
  static HttpsServer server(TestCertificate identity) throws Exception {
    KeyStore store = KeyStore.getInstance("PKCS12");
    store.load(null, null);
    store.setKeyEntry("server", identity.keyPair().getPrivate(), STORE,
        identity.chain().toArray(new Certificate[0]));
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(store, STORE);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(kmf.getKeyManagers(), null, null);
    HttpsServer server = HttpsServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 0);
    server.setHttpsConfigurator(new HttpsConfigurator(context));
    server.createContext("/", exchange -> {
      byte[] body = "ok".getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(200, body.length);
      exchange.getResponseBody().write(body);
      exchange.close();
    });
    server.start();
    return server;
  }

  private static TlsConfig trustingRoot() {
    return TlsConfig.builder().trust(TrustMaterial.certificates(ROOT.certificate())).build();
  }

  private static HttpResponse<String> get(TlsConfig tls, String url) throws Exception {
    HttpClient client = HttpClient.newBuilder().sslContext(tls.sslContext()).sslParameters(tls.sslParameters())
        .proxy(HttpClient.Builder.NO_PROXY).followRedirects(HttpClient.Redirect.NEVER).build();
    return client.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private static String urlConnection(TlsConfig tls, String url) throws Exception {
    HttpsURLConnection c = (HttpsURLConnection) new URL(url).openConnection(Proxy.NO_PROXY);
    c.setSSLSocketFactory(tls.socketFactory());
    c.setHostnameVerifier(tls.hostnameVerifier());
    try (InputStream in = c.getInputStream()) {
      return c.getResponseCode() + " " + new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Test
  void httpClient_trustedServer_gets200() throws Exception {
    HttpsServer s = server(TestCertificate.builder().issuer(ROOT).localhostServer().build());
    try {
      HttpResponse<String> r = get(trustingRoot(), "https://localhost:" + s.getAddress().getPort() + "/");
      assertEquals(200, r.statusCode());
      assertEquals("ok", r.body());
    } finally {
      s.stop(0);
    }
  }

  @Test
  void httpClient_ipWithoutIpSan_refusedHostnameMismatch() throws Exception {
    HttpsServer s = server(TestCertificate.builder().issuer(ROOT).commonName("localhost").addDnsSan("localhost")
        .serverAuth().build());
    try {
      IOException e = assertThrows(IOException.class,
          () -> get(trustingRoot(), "https://127.0.0.1:" + s.getAddress().getPort() + "/"));
      assertRejected(rejection(e), HOSTNAME_MISMATCH, "host name 127.0.0.1", "DNS:localhost");
    } finally {
      s.stop(0);
    }
  }

  @Test
  void httpClient_untrustedServer_refusedUntrusted() throws Exception {
    HttpsServer s = server(TestCertificate.builder().issuer(TestCertificate.newRootCa("Elsewhere"))
        .localhostServer().build());
    try {
      IOException e = assertThrows(IOException.class,
          () -> get(trustingRoot(), "https://localhost:" + s.getAddress().getPort() + "/"));
      assertRejected(rejection(e), UNTRUSTED, "CN=Elsewhere");
    } finally {
      s.stop(0);
    }
  }

  @Test
  void httpClient_fingerprintedSelfSignedWithoutSan_gets200() throws Exception {
    TestCertificate self = TestCertificate.builder().commonName("influxdb").build();
    HttpsServer s = server(self);
    try {
      TlsConfig tls = TlsConfig.builder().trust(TrustMaterial.fingerprint(Pins.fingerprint(self.certificate())))
          .build();
      assertEquals(200, get(tls, "https://localhost:" + s.getAddress().getPort() + "/").statusCode());
    } finally {
      s.stop(0);
    }
  }

  @Test
  void httpsUrlConnection_trustedServer_gets200() throws Exception {
    HttpsServer s = server(TestCertificate.builder().issuer(ROOT).localhostServer().build());
    try {
      assertEquals("200 ok", urlConnection(trustingRoot(), "https://localhost:" + s.getAddress().getPort() + "/"));
    } finally {
      s.stop(0);
    }
  }

  @Test
  void httpsUrlConnection_ipWithoutIpSan_refusedInsideTrustManager() throws Exception {
    HttpsServer s = server(TestCertificate.builder().issuer(ROOT).commonName("localhost").addDnsSan("localhost")
        .serverAuth().build());
    try {
      IOException e = assertThrows(IOException.class,
          () -> urlConnection(trustingRoot(), "https://127.0.0.1:" + s.getAddress().getPort() + "/"));
      assertRejected(rejection(e), HOSTNAME_MISMATCH, "host name 127.0.0.1");
    } finally {
      s.stop(0);
    }
  }

  @Test
  void httpsUrlConnection_fingerprintedSelfSignedWithoutSan_gets200() throws Exception {
    TestCertificate self = TestCertificate.builder().commonName("influxdb").build();
    HttpsServer s = server(self);
    try {
      TlsConfig tls = TlsConfig.builder().trust(TrustMaterial.fingerprint(Pins.fingerprint(self.certificate())))
          .build();
      assertEquals("200 ok", urlConnection(tls, "https://localhost:" + s.getAddress().getPort() + "/"));
    } finally {
      s.stop(0);
    }
  }
}
