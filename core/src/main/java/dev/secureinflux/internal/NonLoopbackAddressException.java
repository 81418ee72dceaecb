package dev.secureinflux.internal;

import java.io.IOException;

/**
 * A plain-HTTP socket was asked to connect to a non-loopback address. An {@link IOException}, so that OkHttp
 * closes the socket and influxdb-java reports it (as the cause of its {@code InfluxDBIOException}).
 */
public final class NonLoopbackAddressException extends IOException {
  private static final long serialVersionUID = 1L;

  /** An exception with the given message. */
  public NonLoopbackAddressException(String message) {
    super(message);
  }
}
