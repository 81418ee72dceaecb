package dev.secureinflux.auth.internal;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.Socket;
import java.net.URI;
import java.util.List;
import javax.net.SocketFactory;
import okhttp3.Connection;

/**
 * Decides whether a connection is safe for credentials: a TLS connection (OkHttp has a handshake only after
 * its trust manager and hostname verifier accepted the peer), or a direct plaintext socket whose local and
 * remote addresses are loopback and that the JVM does not route through a SOCKS proxy; not API.
 */
public final class ConnectionSafety {
  private ConnectionSafety() {}

  /** {@code null} when {@code connection} is safe for credentials, else why not (no secrets in it). */
  public static String unsafeReason(Connection connection) {
    if (connection == null) {
      return "the connection is unknown: install AuthInterceptor with OkHttpClient.Builder.addNetworkInterceptor,"
          + " not addInterceptor";
    }
    if (connection.handshake() != null) {
      return null;
    }
    Proxy proxy = connection.route().proxy();
    if (proxy.type() != Proxy.Type.DIRECT) {
      return "the connection is plaintext through proxy " + proxy.address();
    }
    Socket socket = connection.socket();
    InetAddress peer = socket.getInetAddress();
    if (peer == null) {
      return "the plaintext socket is not connected";
    }
    if (!peer.isLoopbackAddress()) {
      return "the connection is plaintext and its peer " + peer.getHostAddress() + " is not a loopback address";
    }
    // A SOCKS proxy of the JDK's socket layer reports the target as peer; the local end is the proxy connection's.
    InetAddress local = socket.getLocalAddress();
    if (local == null || !local.isLoopbackAddress()) {
      return "the connection is plaintext and its local address "
          + (local == null ? "is unknown" : local.getHostAddress() + " is not a loopback address")
          + " (a JVM-wide SOCKS proxy?)";
    }
    String socks = jvmSocksProxy(connection);
    if (socks != null) {
      return "the connection is plaintext and the JVM routes plain sockets to it through SOCKS proxy " + socks
          + " (socksProxyHost or the default ProxySelector); create sockets with new Socket(Proxy.NO_PROXY)";
    }
    return null;
  }

  /**
   * The SOCKS proxy the default {@link ProxySelector} gives a plain JDK socket ({@code new Socket()}, what
   * {@link SocketFactory#getDefault()} makes) for the route's address, or {@code null}.
   */
  private static String jvmSocksProxy(Connection connection) {
    if (connection.route().address().socketFactory() != SocketFactory.getDefault()) {
      return null; // The client's own socket factory decides about proxies.
    }
    ProxySelector selector = ProxySelector.getDefault();
    if (selector == null) {
      return null;
    }
    InetSocketAddress target = connection.route().socketAddress();
    String host = target.getHostString();
    List<Proxy> proxies;
    try {
      proxies = selector.select(new URI("socket://" + (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":"
          + target.getPort()));
    } catch (java.net.URISyntaxException | IllegalArgumentException e) {
      return "(undecidable: " + e.getClass().getSimpleName() + ")";
    }
    for (Proxy proxy : proxies) {
      if (proxy.type() == Proxy.Type.SOCKS) {
        return String.valueOf(proxy.address());
      }
    }
    return null;
  }
}
