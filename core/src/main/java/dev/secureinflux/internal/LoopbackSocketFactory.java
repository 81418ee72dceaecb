package dev.secureinflux.internal;

import dev.secureinflux.auth.internal.Loopback;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.Socket;
import java.net.SocketAddress;
import java.util.Objects;
import java.util.function.Supplier;
import javax.net.SocketFactory;

/**
 * Socket factory for plain-HTTP clients: every socket is made with {@link Proxy#NO_PROXY}, so neither
 * {@code socksProxyHost} nor a default {@code ProxySelector} can route it through a proxy, and refuses, in
 * {@code connect()} and before any byte is written, a remote address that is not loopback (127.0.0.0/8 or ::1).
 *
 * <p>There is no user factory underneath: {@link OkHttpPolicy#check} refuses one for {@code http://}, since any
 * factory that makes its sockets with {@code new Socket()} would send them through a configured SOCKS proxy. The
 * {@code createSocket(String host, ..)} methods never resolve a name: only {@code localhost} (answered with
 * 127.0.0.1) and loopback literals are accepted.
 */
public final class LoopbackSocketFactory extends SocketFactory {
  private final Supplier<Socket> raw;

  /** A factory of direct ({@code Proxy.NO_PROXY}), loopback-only sockets. */
  public LoopbackSocketFactory() {
    this(() -> new Socket(Proxy.NO_PROXY));
  }

  /** For tests: guards the sockets of {@code raw} (a tripwire) instead of making direct ones. */
  LoopbackSocketFactory(Supplier<Socket> raw) {
    this.raw = Objects.requireNonNull(raw, "raw == null");
  }

  /** Throws unless {@code endpoint} is a resolved loopback address. */
  static void check(SocketAddress endpoint) throws NonLoopbackAddressException {
    if (!(endpoint instanceof InetSocketAddress)) {
      throw new NonLoopbackAddressException("refused plain-HTTP connection to " + endpoint
          + ": not an IP socket address");
    }
    InetSocketAddress inet = (InetSocketAddress) endpoint;
    InetAddress address = inet.getAddress();
    if (inet.isUnresolved() || address == null || !Loopback.isLoopbackAddress(address)) {
      throw new NonLoopbackAddressException("refused plain-HTTP connection to " + inet.getHostString() + ":"
          + inet.getPort() + (address == null ? "" : " (" + address.getHostAddress() + ")")
          + ": only loopback (127.0.0.0/8, ::1) may be reached without TLS; use https://");
    }
  }

  @Override
  public Socket createSocket() throws IOException {
    // A plain new Socket() consults socksProxyHost and the default ProxySelector in connect(); a NO_PROXY socket
    // always connects directly, so the address checked is the peer.
    return new GuardedSocket(raw.get());
  }

  @Override
  public Socket createSocket(String host, int port) throws IOException {
    return connected(loopbackOnly(host, port));
  }

  @Override
  public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
    return connected(loopbackOnly(host, port), new InetSocketAddress(localHost, localPort));
  }

  /**
   * The address for {@code host} without any name lookup: {@code localhost} is 127.0.0.1, a loopback literal is
   * parsed from its text; anything else is refused (an unresolved address, which {@link #check} refuses).
   */
  static InetSocketAddress loopbackOnly(String host, int port) throws NonLoopbackAddressException {
    if (host == null) {
      throw new NonLoopbackAddressException("refused plain-HTTP connection to a null host: use 127.0.0.1");
    }
    if (Loopback.isLocalhostName(host)) {
      return new InetSocketAddress(Loopback.localhostAddresses(host).get(0), port);
    }
    String literal = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    if (literal.equals("::1")) {
      return new InetSocketAddress(Loopback.localhostAddresses("localhost").get(1), port);
    }
    if (Loopback.isLoopbackDottedQuad(literal)) {
      String[] parts = literal.split("\\.");
      byte[] bytes = new byte[4];
      for (int i = 0; i < 4; i++) {
        bytes[i] = (byte) Integer.parseInt(parts[i]);
      }
      try {
        return new InetSocketAddress(InetAddress.getByAddress(bytes), port); // From bytes: no resolver.
      } catch (java.net.UnknownHostException e) {
        throw new IllegalStateException("cannot happen: address of valid length", e);
      }
    }
    return InetSocketAddress.createUnresolved(host, port);
  }

  @Override
  public Socket createSocket(InetAddress host, int port) throws IOException {
    return connected(new InetSocketAddress(host, port));
  }

  @Override
  public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
      throws IOException {
    return connected(new InetSocketAddress(address, port), new InetSocketAddress(localAddress, localPort));
  }

  private Socket connected(SocketAddress remote, SocketAddress... local) throws IOException {
    check(remote);
    Socket socket = createSocket();
    try {
      if (local.length > 0) {
        socket.bind(local[0]);
      }
      socket.connect(remote);
      return socket;
    } catch (IOException | RuntimeException e) {
      socket.close();
      throw e;
    }
  }

  @Override
  public String toString() {
    return "LoopbackSocketFactory";
  }
}
