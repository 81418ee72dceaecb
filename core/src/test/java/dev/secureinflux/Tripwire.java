package dev.secureinflux;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.SocketFactory;
import okhttp3.Dns;
import okhttp3.OkHttpClient;

/**
 * A DNS and socket factory that record (and refuse) any attempt to resolve a name other than localhost or to
 * connect to a non-loopback address, so that a broken rule fails a test instead of sending a packet.
 */
final class Tripwire {
  final List<String> trips = new CopyOnWriteArrayList<>();
  final List<String> lookups = new CopyOnWriteArrayList<>();
  /** Loopback connections made through {@link #sockets}. */
  final AtomicInteger connects = new AtomicInteger();

  final Dns dns = hostname -> {
    lookups.add(hostname);
    if (hostname.equalsIgnoreCase("localhost")) {
      return List.of(InetAddress.getByAddress(hostname, new byte[] {127, 0, 0, 1}));
    }
    trips.add("dns:" + hostname);
    throw new UnknownHostException("tripwire: test tried to resolve " + hostname);
  };

  final SocketFactory sockets = new SocketFactory() {
    @Override
    public Socket createSocket() {
      return new Socket() {
        @Override
        public void connect(SocketAddress endpoint, int timeout) throws IOException {
          InetSocketAddress inet = (InetSocketAddress) endpoint;
          if (inet.getAddress() == null || !inet.getAddress().isLoopbackAddress()) {
            trips.add("connect:" + endpoint);
            throw new IOException("tripwire: test tried to connect to " + endpoint);
          }
          super.connect(endpoint, timeout);
          connects.incrementAndGet();
        }
      };
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
      trips.add("createSocket:" + host);
      throw new IOException("tripwire: unexpected createSocket(" + host + ")");
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
      return createSocket(host, port);
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
      return createSocket(host.getHostAddress(), port);
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
        throws IOException {
      return createSocket(address.getHostAddress(), port);
    }
  };

  /** An OkHttp builder whose DNS and sockets are this tripwire (for https:// URLs). */
  OkHttpClient.Builder okHttp() {
    return new OkHttpClient.Builder().dns(dns).socketFactory(sockets);
  }

  /**
   * An OkHttp builder whose DNS is this tripwire, for http:// URLs: SecureInflux refuses a user socket factory
   * for plain HTTP and makes its own direct, loopback-checked sockets ({@code LoopbackSocketFactory}).
   */
  OkHttpClient.Builder okHttpPlain() {
    return new OkHttpClient.Builder().dns(dns);
  }

  /** {@link #okHttpPlain()} for http:// URLs, else {@link #okHttp()}. */
  OkHttpClient.Builder okHttpFor(String url) {
    return url.regionMatches(true, 0, "http:", 0, 5) ? okHttpPlain() : okHttp();
  }
}
