package dev.secureinflux.internal;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import okhttp3.ConnectionPool;
import okhttp3.OkHttpClient;
import org.influxdb.InfluxDBIOException;
import org.influxdb.impl.InfluxDBImpl;

/**
 * influxdb-java's client, whose {@link #close()} leaves alone a dispatcher that came with the user's
 * {@code okHttpClient(..)} builder: influxdb-java's own close shuts the dispatcher's executor down, which would
 * break every other client sharing that dispatcher. The connection pool's idle connections are evicted either way,
 * as influxdb-java does: they would otherwise stay open (TLS session, client certificate and all) for the pool's
 * keep-alive after the close. A pool the user shares with other clients loses their idle connections too; they
 * open new ones on their next call. (Which connections are this client's is not visible through OkHttp's API.)
 *
 * <p>UDP writes go through this class's own socket (influxdb-java's is private), so that closing releases it
 * without calling influxdb-java's close.
 */
final class DispatcherSafeInfluxDB extends InfluxDBImpl {
  private final boolean userDispatcher;
  private final ConnectionPool pool;
  private final String host;
  private DatagramSocket udp;

  /**
   * @param url influxdb-java's base URL (its host is a loopback literal placeholder, never looked up)
   * @param userDispatcher whether {@code builder}'s dispatcher is the user's
   * @param pool {@code builder}'s connection pool
   */
  DispatcherSafeInfluxDB(String url, OkHttpClient.Builder builder, ResponseFormat responseFormat,
      boolean userDispatcher, ConnectionPool pool) {
    super(url, null, null, builder, responseFormat);
    this.userDispatcher = userDispatcher;
    this.pool = Objects.requireNonNull(pool, "pool == null");
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
   * Flushes and stops batching and evicts the pool's idle connections; with our own dispatcher also shuts its
   * executor down (influxdb-java's close), with the user's leaves it running; closes the UDP socket.
   */
  @Override
  public void close() {
    try {
      if (userDispatcher) {
        try {
          disableBatch();
        } finally {
          pool.evictAll(); // Idle ones only: a call still running on a shared pool keeps its connection.
        }
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
