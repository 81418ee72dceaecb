package dev.secureinflux.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * Client side of the handshake tests. Every connection goes to 127.0.0.1 through {@link #loopbackSocket}, the
 * tripwire: it refuses (fails the test) any non-loopback address, and the host name given to TLS is only the
 * peer name for the checks, never resolved.
 */
final class Handshakes {
  private Handshakes() {}

  /** A plain TCP socket to 127.0.0.1:{@code port}; fails the test for anything that is not loopback. */
  static Socket loopbackSocket(InetAddress address, int port) throws IOException {
    if (!address.isLoopbackAddress()) {
      fail("tripwire: a test tried to connect to the non-loopback address " + address);
    }
    Socket s = new Socket();
    s.connect(new InetSocketAddress(address, port), 10_000);
    return s;
  }

  /** A TLS socket over a loopback connection, with {@code host} as the TLS peer name; handshake done. */
  static SSLSocket connect(SSLSocketFactory factory, String host, int port) throws IOException {
    Socket tcp = loopbackSocket(InetAddress.getByName("127.0.0.1"), port);
    SSLSocket tls = (SSLSocket) factory.createSocket(tcp, host, port, true);
    tls.setSoTimeout(20_000);
    tls.startHandshake();
    return tls;
  }

  /** {@link #connect} with {@code tls}'s factory. */
  static SSLSocket connect(TlsConfig tls, String host, int port) throws IOException {
    return connect(tls.socketFactory(), host, port);
  }

  /** Sends a line and asserts it comes back. */
  static void assertEcho(SSLSocket socket, String line) throws IOException {
    socket.getOutputStream().write((line + "\n").getBytes(StandardCharsets.UTF_8));
    socket.getOutputStream().flush();
    BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
    assertEquals(line, in.readLine());
  }

  /** The handshake fails with an SSLException caused by a CertificateRejectedException, which is returned. */
  static CertificateRejectedException refused(TlsConfig tls, String host, int port) {
    SSLException e = assertThrows(SSLException.class, () -> {
      try (SSLSocket s = connect(tls, host, port)) {
        assertEcho(s, "must not get here");
      }
    });
    return rejection(e);
  }

  /** Walks the cause chain of {@code e} to the CertificateRejectedException; fails if there is none. */
  static CertificateRejectedException rejection(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof CertificateRejectedException) {
        return (CertificateRejectedException) t;
      }
    }
    throw new AssertionError("no CertificateRejectedException in the cause chain", e);
  }

  /** Asserts {@code reason} and that the message contains every fragment. */
  static void assertRejected(CertificateRejectedException e, CertificateRejectedException.Reason reason,
      String... fragments) {
    assertEquals(reason, e.reason(), e.getMessage());
    for (String f : fragments) {
      assertTrue(e.getMessage().contains(f), "message lacks '" + f + "': " + e.getMessage());
    }
  }
}
