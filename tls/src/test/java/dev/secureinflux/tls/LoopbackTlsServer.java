package dev.secureinflux.tls;

import dev.secureinflux.testkit.TestCertificate;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedKeyManager;

/**
 * An in-JVM TLS echo server on 127.0.0.1 (a line in, the same line out), with a swappable identity and an
 * optional client certificate requirement. Test helper, built on the JDK alone (not on the library).
 */
final class LoopbackTlsServer implements AutoCloseable {
  private final SSLServerSocket serverSocket;
  private final ServerKeys keys;
  private final AtomicReference<X509Certificate> lastClientCertificate = new AtomicReference<>();
  private final Thread acceptor;

  private LoopbackTlsServer(List<X509Certificate> chain, PrivateKey key, X509Certificate clientCa,
      String[] protocols, String[] suites) throws Exception {
    keys = new ServerKeys(key, chain);
    TrustManager[] trust = null;
    if (clientCa != null) {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(null, null);
      store.setCertificateEntry("client-ca", clientCa);
      TrustManagerFactory tmf = TrustManagerFactory.getInstance("PKIX");
      tmf.init(store);
      trust = tmf.getTrustManagers();
    }
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(new KeyManager[] {keys}, trust, null);
    serverSocket = (SSLServerSocket) context.getServerSocketFactory()
        .createServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
    serverSocket.setNeedClientAuth(clientCa != null);
    if (protocols != null) {
      serverSocket.setEnabledProtocols(protocols);
    }
    if (suites != null) {
      serverSocket.setEnabledCipherSuites(suites);
    }
    acceptor = new Thread(this::acceptLoop, "loopback-tls-server-" + serverSocket.getLocalPort());
    acceptor.setDaemon(true);
    acceptor.start();
  }

  /** Serves {@code server}'s chain (without the root). */
  static LoopbackTlsServer start(TestCertificate server) throws Exception {
    return new LoopbackTlsServer(server.chain(), server.keyPair().getPrivate(), null, null, null);
  }

  /** Serves exactly {@code chain} with {@code key}. */
  static LoopbackTlsServer start(List<X509Certificate> chain, PrivateKey key) throws Exception {
    return new LoopbackTlsServer(chain, key, null, null, null);
  }

  /** Serves {@code server} and requires a client certificate issued by {@code clientCa}. */
  static LoopbackTlsServer requiringClientCertificate(TestCertificate server, X509Certificate clientCa)
      throws Exception {
    return new LoopbackTlsServer(server.chain(), server.keyPair().getPrivate(), clientCa, null, null);
  }

  /** Serves {@code server} with only these protocols and suites enabled. */
  static LoopbackTlsServer restricted(TestCertificate server, String[] protocols, String[] suites)
      throws Exception {
    return new LoopbackTlsServer(server.chain(), server.keyPair().getPrivate(), null, protocols, suites);
  }

  int port() {
    return serverSocket.getLocalPort();
  }

  /** New handshakes present {@code server}'s chain; open connections are untouched. */
  void rotate(TestCertificate server) {
    keys.swap(server.keyPair().getPrivate(), server.chain());
  }

  /** The client certificate of the most recent handshake that presented one, or null. */
  X509Certificate lastClientCertificate() {
    return lastClientCertificate.get();
  }

  private void acceptLoop() {
    while (!serverSocket.isClosed()) {
      try {
        Socket s = serverSocket.accept();
        Thread t = new Thread(() -> serve((SSLSocket) s), "loopback-tls-conn");
        t.setDaemon(true);
        t.start();
      } catch (IOException e) {
        return;
      }
    }
  }

  private void serve(SSLSocket socket) {
    try (socket) {
      socket.startHandshake();
      try {
        lastClientCertificate.set((X509Certificate) socket.getSession().getPeerCertificates()[0]);
      } catch (SSLPeerUnverifiedException e) {
        // No client certificate: fine unless one is required (then the handshake failed already).
      }
      BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
      OutputStream out = socket.getOutputStream();
      String line;
      while ((line = in.readLine()) != null) {
        out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
      }
    } catch (IOException e) {
      // The client refused or went away: that is what many tests want.
    }
  }

  @Override
  public void close() throws IOException {
    serverSocket.close();
  }

  /** A server key manager whose key and chain are swapped together. */
  private static final class ServerKeys extends X509ExtendedKeyManager {
    private final AtomicReference<Object[]> entry = new AtomicReference<>();

    ServerKeys(PrivateKey key, List<X509Certificate> chain) {
      swap(key, chain);
    }

    void swap(PrivateKey key, List<X509Certificate> chain) {
      entry.set(new Object[] {key, chain.toArray(new X509Certificate[0])});
    }

    @Override
    public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
      return ((PrivateKey) entry.get()[0]).getAlgorithm().equalsIgnoreCase(keyType) ? "server" : null;
    }

    @Override
    public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
      return chooseServerAlias(keyType, issuers, null);
    }

    @Override
    public String[] getServerAliases(String keyType, Principal[] issuers) {
      return new String[] {"server"};
    }

    @Override
    public X509Certificate[] getCertificateChain(String alias) {
      return ((X509Certificate[]) entry.get()[1]).clone();
    }

    @Override
    public PrivateKey getPrivateKey(String alias) {
      return (PrivateKey) entry.get()[0];
    }

    @Override
    public String[] getClientAliases(String keyType, Principal[] issuers) {
      return null;
    }

    @Override
    public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
      return null;
    }
  }
}
