package dev.secureinflux.auth;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.SocketFactory;
import okhttp3.Address;
import okhttp3.Call;
import okhttp3.CipherSuite;
import okhttp3.Connection;
import okhttp3.ConnectionSpec;
import okhttp3.Dns;
import okhttp3.Handshake;
import okhttp3.Interceptor;
import okhttp3.Protocol;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.Route;
import okhttp3.TlsVersion;

/** Connections and chains that exist only in memory: nothing here resolves a name or opens a socket. */
final class FakeConnections {
  private FakeConnections() {}

  static final Dns TRIPWIRE_DNS = host -> {
    throw new AssertionError("test tried to resolve " + host);
  };

  static final SocketFactory TRIPWIRE_SOCKETS = new SocketFactory() {
    @Override
    public Socket createSocket() {
      throw new AssertionError("test tried to open a socket");
    }

    @Override
    public Socket createSocket(String host, int port) {
      throw new AssertionError("test tried to connect to " + host);
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress local, int localPort) {
      throw new AssertionError("test tried to connect to " + host);
    }

    @Override
    public Socket createSocket(InetAddress host, int port) {
      throw new AssertionError("test tried to connect to " + host);
    }

    @Override
    public Socket createSocket(InetAddress host, int port, InetAddress local, int localPort) {
      throw new AssertionError("test tried to connect to " + host);
    }
  };

  /** An address object for {@code host} without any lookup. */
  static InetAddress address(String host, int... bytes) {
    byte[] raw = new byte[bytes.length];
    for (int i = 0; i < bytes.length; i++) {
      raw[i] = (byte) bytes[i];
    }
    try {
      return InetAddress.getByAddress(host, raw);
    } catch (UnknownHostException e) {
      throw new AssertionError(e);
    }
  }

  /** An unconnected socket that claims {@code peer} as its remote and {@code local} as its local address. */
  static Socket socketTo(InetAddress peer, InetAddress local) {
    return new Socket() {
      @Override
      public InetAddress getInetAddress() {
        return peer;
      }

      @Override
      public InetAddress getLocalAddress() {
        return local;
      }

      @Override
      public void connect(SocketAddress endpoint, int timeout) throws IOException {
        throw new AssertionError("test tried to connect to " + endpoint);
      }
    };
  }

  /** A connection to {@code peer} from local address 127.0.0.1. */
  static Connection connection(InetAddress peer, Proxy proxy, boolean tls) {
    return connection(peer, address("localhost", 127, 0, 0, 1), proxy, tls);
  }

  static Connection connection(InetAddress peer, InetAddress local, Proxy proxy, boolean tls) {
    Address address = new Address(peer.getHostName(), 8086, TRIPWIRE_DNS, TRIPWIRE_SOCKETS, null, null, null,
        okhttp3.Authenticator.NONE, proxy, List.of(Protocol.HTTP_1_1), List.of(ConnectionSpec.CLEARTEXT),
        new ProxySelector() {
          @Override
          public List<Proxy> select(URI uri) {
            return List.of(Proxy.NO_PROXY);
          }

          @Override
          public void connectFailed(URI uri, SocketAddress sa, IOException ioe) {}
        });
    Route route = new Route(address, proxy, new InetSocketAddress(peer, 8086));
    Socket socket = socketTo(peer, local);
    Handshake handshake = tls
        ? Handshake.get(TlsVersion.TLS_1_3, CipherSuite.TLS_AES_128_GCM_SHA256, List.of(), List.of())
        : null;
    return new Connection() {
      @Override
      public Route route() {
        return route;
      }

      @Override
      public Socket socket() {
        return socket;
      }

      @Override
      public Handshake handshake() {
        return handshake;
      }

      @Override
      public Protocol protocol() {
        return Protocol.HTTP_1_1;
      }
    };
  }

  /** A chain that records what would have been sent and answers {@code code}. */
  static final class RecordingChain implements Interceptor.Chain {
    final Request request;
    final Connection connection;
    final int code;
    final String body;
    Request sent;

    RecordingChain(Request request, Connection connection, int code, String body) {
      this.request = request;
      this.connection = connection;
      this.code = code;
      this.body = body;
    }

    @Override
    public Request request() {
      return request;
    }

    @Override
    public Response proceed(Request request) {
      sent = request;
      return new Response.Builder().request(request).protocol(Protocol.HTTP_1_1).code(code).message("x")
          .body(okhttp3.ResponseBody.create(body, okhttp3.MediaType.get("application/json"))).build();
    }

    @Override
    public Connection connection() {
      return connection;
    }

    @Override
    public Call call() {
      throw new UnsupportedOperationException();
    }

    @Override
    public int connectTimeoutMillis() {
      return 0;
    }

    @Override
    public Interceptor.Chain withConnectTimeout(int timeout, TimeUnit unit) {
      return this;
    }

    @Override
    public int readTimeoutMillis() {
      return 0;
    }

    @Override
    public Interceptor.Chain withReadTimeout(int timeout, TimeUnit unit) {
      return this;
    }

    @Override
    public int writeTimeoutMillis() {
      return 0;
    }

    @Override
    public Interceptor.Chain withWriteTimeout(int timeout, TimeUnit unit) {
      return this;
    }
  }
}
