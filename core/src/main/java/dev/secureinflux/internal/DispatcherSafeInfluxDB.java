package dev.secureinflux.internal;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import okhttp3.OkHttpClient;
import org.influxdb.InfluxDBIOException;
import org.influxdb.impl.InfluxDBImpl;

/**
 * influxdb-java's client, whose {@link #close()} leaves alone a dispatcher that came with the user's
 * {@code okHttpClient(..)} builder: influxdb-java's own close shuts the dispatcher's executor down (and evicts the
 * connection pool), which would break every other client sharing that dispatcher.
 *
 * <p>UDP writes go through this class's own socket (influxdb-java's is private), so that closing releases it
 * without calling influxdb-java's close.
 */
final class DispatcherSafeInfluxDB extends InfluxDBImpl {
  private final boolean userDispatcher;
  private final String host;
  private DatagramSocket udp;

  /**
   * @param url influxdb-java's base URL (its host is a loopback literal placeholder, never looked up)
   * @param userDispatcher whether {@code builder}'s dispatcher is the user's
   */
  DispatcherSafeInfluxDB(String url, OkHttpClient.Builder builder, ResponseFormat responseFormat,
      boolean userDispatcher) {
    super(url, null, null, builder, responseFormat);
    this.userDispatcher = userDispatcher;
    this.host = URI.create(url).getHost();
  }

  /** Every UDP write (single, list, batched) ends here, as in influxdb-java, but on this class's socket. */
  @Override
  public void write(int udpPort, String records) {
    byte[] bytes = records.getBytes(StandardCharsets.UTF_8);
    try {
      socket().send(new DatagramPacket(bytes, bytes.length, new InetSocketAddress(host, udpPort)));
    } catch (IOException e) {
      throw new InfluxDBIOException(e);
    }
  }

  private synchronized DatagramSocket socket() throws IOException {
    if (udp == null) {
      udp = new DatagramSocket();
    }
    return udp;
  }

  /**
   * Flushes and stops batching; with our own dispatcher also shuts its executor down and evicts idle pooled
   * connections (influxdb-java's close), with the user's leaves both running; closes the UDP socket.
   */
  @Override
  public void close() {
    try {
      if (userDispatcher) {
        disableBatch();
      } else {
        super.close();
      }
    } finally {
      synchronized (this) {
        if (udp != null) {
          udp.close();
        }
      }
    }
  }
}
