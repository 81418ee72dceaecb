package dev.secureinflux.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import dev.secureinflux.SecureInflux;
import dev.secureinflux.auth.Credentials;
import dev.secureinflux.testkit.TestCertificate;
import dev.secureinflux.tls.TlsConfig;
import dev.secureinflux.tls.TrustMaterial;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketAddress;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.SocketFactory;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import okhttp3.OkHttpClient;
import org.influxdb.InfluxDB;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Connections of a client with {@code reloading(..)} are retired after a TLS reload by the generation of their
 * handshake, not by when they were first used: a connection whose handshake finished before the reload and whose
 * first request passes the check after it (here: a user's network interceptor that runs in between) is retired.
 * The server is the JDK's HTTPS server on 127.0.0.1 answering influxdb-java's ping.
 */
class TlsGenerationTest {
  private static final TestCertificate CA = TestCertificate.newRootCa("Generation CA");
  private static final TestCertificate SERVER = TestCertificate.builder().issuer(CA).localhostServer().build();
  private static final char[] STORE = "server-store".toCharArray();

  @TempDir
  Path dir;
  private HttpsServer server;
  private final AtomicInteger connects = new AtomicInteger();

  @BeforeEach
  void startServer() throws Exception {
    KeyStore store = KeyStore.getInstance("PKCS12");
    store.load(null, null);
    store.setKeyEntry("server", SERVER.keyPair().getPrivate(), STORE, SERVER.chain().toArray(new Certificate[0]));
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(store, STORE);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(kmf.getKeyManagers(), null, null);
    server = HttpsServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 0);
    server.setHttpsConfigurator(new HttpsConfigurator(context));
    server.createContext("/ping", exchange -> {
      exchange.getResponseHeaders().add("X-Influxdb-Version", "1.6.7-test");
      exchange.sendResponseHeaders(204, -1);
      exchange.close();
    });
    server.start();
  }

  @AfterEach
  void stopServer() {
    server.stop(0);
  }

  /** Counts TCP connections; a tripwire for anything that is not loopback. */
  private final SocketFactory countingLoopbackSockets = new SocketFactory() {
    @Override
    public Socket createSocket() {
      return new Socket() {
        @Override
        public void connect(SocketAddress endpoint, int timeout) throws IOException {
          InetSocketAddress inet = (InetSocketAddress) endpoint;
          if (inet.getAddress() == null || !inet.getAddress().isLoopbackAddress()) {
            fail("tripwire: test tried to connect to " + endpoint);
          }
          super.connect(endpoint, timeout);
          connects.incrementAndGet();
        }
      };
    }

    @Override
    public Socket createSocket(String host, int port) {
      throw new AssertionError("tripwire: unexpected createSocket(" + host + ")");
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort) {
      return createSocket(host, port);
    }

    @Override
    public Socket createSocket(InetAddress host, int port) {
      return createSocket(host.getHostAddress(), port);
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort) {
      return createSocket(address.getHostAddress(), port);
    }
  };

  @Test
  void ping_connectionHandshakenBeforeReloadFirstUsedAfterIt_retired() throws Exception {
    Path ca = CA.writeCertificatePem(dir.resolve("ca.pem"));
    AtomicReference<TlsConfig> tls = new AtomicReference<>();
    AtomicBoolean reloadOnce = new AtomicBoolean(true);
    OkHttpClient.Builder user = new OkHttpClient.Builder()
        .dns(host -> List.of(InetAddress.getByAddress(host, new byte[] {127, 0, 0, 1})))
        .socketFactory(countingLoopbackSockets)
        // A user's network interceptor runs after the handshake and before the library's own: reload there.
        .addNetworkInterceptor(chain -> {
          if (reloadOnce.getAndSet(false)) {
            tls.get().reload();
          }
          return chain.proceed(chain.request());
        });
    try (InfluxDB db = SecureInflux.builder().url("https://localhost:" + server.getAddress().getPort())
        .credentials(Credentials.basic("app", "pw-Secret-1".toCharArray())).trust(TrustMaterial.pem(ca))
        .reloading(Duration.ofMinutes(10)).okHttpClient(user).build()) {
      tls.set((TlsConfig) ((GuardedInfluxDB) db).onClose);
      assertTrue(db.ping().isGood()); // Handshake under generation 0, reload, then the request.
      assertTrue(db.ping().isGood());
      assertEquals(2, connects.get(), "the connection of the old generation was reused");
      assertTrue(db.ping().isGood());
      assertEquals(2, connects.get(), "the connection made after the reload was not reused");
    }
  }
}
