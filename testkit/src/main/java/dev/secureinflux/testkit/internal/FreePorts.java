package dev.secureinflux.testkit.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/** Picks TCP ports that are free on 127.0.0.1 right now (the caller retries if another process takes one). */
public final class FreePorts {
  private FreePorts() {}

  /** A port the kernel just handed out for 127.0.0.1, closed again. */
  public static int pick() {
    try (ServerSocket socket = new ServerSocket()) {
      socket.setReuseAddress(false);
      socket.bind(new InetSocketAddress(InetAddress.getByAddress(new byte[] {127, 0, 0, 1}), 0), 1);
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot bind a free port on 127.0.0.1", e);
    }
  }

  /** {@code count} distinct free ports. */
  public static int[] pick(int count) {
    int[] ports = new int[count];
    for (int i = 0; i < count; i++) {
      int port;
      do {
        port = pick();
      } while (contains(ports, i, port));
      ports[i] = port;
    }
    return ports;
  }

  private static boolean contains(int[] ports, int length, int port) {
    for (int i = 0; i < length; i++) {
      if (ports[i] == port) {
        return true;
      }
    }
    return false;
  }
}
