package dev.secureinflux.auth.internal;

import java.net.InetAddress;
import java.net.Proxy;
import java.net.Socket;
import okhttp3.Connection;

/**
 * Decides whether a connection is safe for credentials: a TLS connection (OkHttp has a handshake only after
 * its trust manager and hostname verifier accepted the peer), or a direct plaintext socket whose remote
 * address is loopback; not API.
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
    return null;
  }
}
