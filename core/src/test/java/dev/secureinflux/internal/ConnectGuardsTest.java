package dev.secureinflux.internal;

import dev.secureinflux.auth.internal.Loopback;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.SocketFactory;
import okhttp3.Dns;
import org.junit.jupiter.api.Test;

/** The connect-time guards: PolicyDns and LoopbackSocketFactory, each over a delegate that records its use. */
class ConnectGuardsTest {
  private final List<String> delegateCalls = new CopyOnWriteArrayList<>();

  private final Dns recordingDns = host -> {
    delegateCalls.add(host);
    throw new UnknownHostException("tripwire: " + host);
  };

  /** Sockets whose connect records the address and never opens a connection to a non-loopback one. */
  private final SocketFactory recordingSockets = new SocketFactory() {
    @Override
    public Socket createSocket() {
      return new Socket() {
        @Override
        public void connect(SocketAddress endpoint, int timeout) throws IOException {
          delegateCalls.add("connect " + endpoint);
          InetSocketAddress inet = (InetSocketAddress) endpoint;
          if (!inet.getAddress().isLoopbackAddress()) {
            throw new IOException("tripwire: " + endpoint);
          }
          super.connect(endpoint, timeout);
        }
      };
    }

    @Override
    public Socket createSocket(String host, int port) {
      throw new AssertionError("unused");
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort) {
      throw new AssertionError("unused");
    }

    @Override
    public Socket createSocket(InetAddress host, int port) {
      throw new AssertionError("unused");
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort) {
      throw new AssertionError("unused");
    }
  };

  @Test
  void lookup_localhostNames_answeredWithoutDelegate() throws Exception {
    PolicyDns dns = new PolicyDns(recordingDns, true);
    for (String name : List.of("localhost", "LOCALHOST", "localhost.")) {
      List<InetAddress> addresses = dns.lookup(name);
      assertTrue(addresses.stream().allMatch(Loopback::isLoopbackAddress), addresses.toString());
    }
    assertEquals(List.of(), delegateCalls);
  }

  @Test
  void lookup_otherNameForPlainHttp_refusedWithoutDelegate() {
    PolicyDns dns = new PolicyDns(recordingDns, true);
    UnknownHostException e = assertThrows(UnknownHostException.class, () -> dns.lookup("influx.example.com"));
    assertTrue(e.getMessage().contains("plain HTTP"), e.getMessage());
    assertEquals(List.of(), delegateCalls);
  }

  @Test
  void lookup_otherNameForHttps_goesToDelegate() {
    PolicyDns dns = new PolicyDns(recordingDns, false);
    assertThrows(UnknownHostException.class, () -> dns.lookup("influx.example.com"));
    assertEquals(List.of("influx.example.com"), delegateCalls);
  }

  private LoopbackSocketFactory guarded() {
    return new LoopbackSocketFactory(() -> {
      try {
        return recordingSockets.createSocket();
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    });
  }

  @Test
  void connect_nonLoopbackAddress_refusedBeforeDelegateConnects() throws Exception {
    LoopbackSocketFactory factory = guarded();
    for (String address : List.of("192.0.2.1", "0.0.0.0", "::", "fe80::1", "10.0.0.1")) {
      try (Socket socket = factory.createSocket()) {
        InetSocketAddress target = new InetSocketAddress(InetAddress.getByName(address), 8086);
        NonLoopbackAddressException e = assertThrows(NonLoopbackAddressException.class,
            () -> socket.connect(target, 1000));
        assertTrue(e.getMessage().contains("only loopback"), e.getMessage());
      }
    }
    assertThrows(NonLoopbackAddressException.class,
        () -> factory.createSocket().connect(InetSocketAddress.createUnresolved("localhost", 8086)));
    assertThrows(NonLoopbackAddressException.class, () -> factory.createSocket("192.0.2.1", 8086));
    assertEquals(List.of(), delegateCalls);
  }

  @Test
  void connect_loopbackAddress_connectsThroughDelegate() throws Exception {
    try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"));
        Socket socket = guarded().createSocket()) {
      socket.connect(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), server.getLocalPort()), 1000);
      assertTrue(socket.isConnected());
      assertEquals(server.getLocalPort(), socket.getPort());
    }
    assertEquals(1, delegateCalls.size());
  }

  @Test
  void createSocketByName_nameResolvingToLoopback_refusedWithoutLookup() throws Exception {
    // loopback-alias.invalid is 127.0.0.1 in the test hosts file: resolving it would make the connection work.
    try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      for (String host : List.of("loopback-alias.invalid", "influx.example.com", "127.1", "0.0.0.0",
          "localhost.localdomain", "[::ffff:127.0.0.1]")) {
        NonLoopbackAddressException e = assertThrows(NonLoopbackAddressException.class,
            () -> guarded().createSocket(host, server.getLocalPort()), host);
        assertTrue(e.getMessage().contains("only loopback"), e.getMessage());
        assertTrue(e.getMessage().contains(host), e.getMessage());
        NonLoopbackAddressException e2 = assertThrows(NonLoopbackAddressException.class,
            () -> guarded().createSocket(host, server.getLocalPort(), null, 0), host);
        assertTrue(e2.getMessage().contains("only loopback"), e2.getMessage());
      }
    }
    assertEquals(List.of(), delegateCalls);
  }

  @Test
  void createSocketByName_localhostAndLoopbackLiteral_connectWithoutLookup() throws Exception {
    try (ServerSocket server = new ServerSocket(0, 2, InetAddress.getByName("127.0.0.1"))) {
      for (String host : List.of("localhost", "LOCALHOST.", "127.0.0.1")) {
        try (Socket socket = guarded().createSocket(host, server.getLocalPort())) {
          assertTrue(socket.isConnected(), host);
          assertEquals("127.0.0.1", socket.getInetAddress().getHostAddress(), host);
        }
        server.accept().close();
      }
    }
    assertEquals(3, delegateCalls.size());
  }

  @Test
  void loopbackOnly_names_neverResolved() throws Exception {
    assertTrue(LoopbackSocketFactory.loopbackOnly("loopback-alias.invalid", 80).isUnresolved());
    assertEquals("127.0.0.2", LoopbackSocketFactory.loopbackOnly("127.0.0.2", 80).getAddress().getHostAddress());
    assertTrue(Loopback.isLoopbackAddress(LoopbackSocketFactory.loopbackOnly("[::1]", 80).getAddress()));
    NonLoopbackAddressException e = assertThrows(NonLoopbackAddressException.class,
        () -> LoopbackSocketFactory.loopbackOnly(null, 80));
    assertTrue(e.getMessage().contains("null host"), e.getMessage());
  }
}
