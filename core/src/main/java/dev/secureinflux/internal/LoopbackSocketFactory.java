package dev.secureinflux.internal;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.Socket;
import java.net.SocketAddress;
import java.util.Objects;
import javax.net.SocketFactory;

/**
 * Socket factory for plain-HTTP clients: every socket refuses, in {@code connect()} and before any byte is written,
 * a remote address that is not loopback (127.0.0.0/8 or ::1).
 *
 * <p>Sockets come from the delegate (the user's factory) and are only connected once the address passed the check;
 * in place of the JDK's default factory, sockets are made with {@link Proxy#NO_PROXY}, so that neither
 * {@code socksProxyHost} nor a default {@code ProxySelector} can route them through a proxy.
 */
public final class LoopbackSocketFactory extends SocketFactory {
  private final SocketFactory delegate;

  /** Guards the sockets of {@code delegate}. */
  public LoopbackSocketFactory(SocketFactory delegate) {
    this.delegate = Objects.requireNonNull(delegate, "delegate == null");
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
    // The JDK's default factory makes SOCKS-capable sockets, which consult socksProxyHost and the default
    // ProxySelector in connect(); a NO_PROXY socket always connects directly.
    Socket raw = delegate == SocketFactory.getDefault() ? new Socket(Proxy.NO_PROXY) : delegate.createSocket();
    return new GuardedSocket(raw);
  }

  @Override
  public Socket createSocket(String host, int port) throws IOException {
    return connected(new InetSocketAddress(host, port));
  }

  @Override
  public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
    return connected(new InetSocketAddress(host, port), new InetSocketAddress(localHost, localPort));
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
