package dev.secureinflux.testkit;

import java.nio.file.Path;

/**
 * A real {@code influxd} on loopback. SHELL: signatures agreed for parallel work.
 */
public final class InfluxServer implements AutoCloseable {
  private InfluxServer() {}

  public static Builder builder() {
    return new Builder();
  }

  /** Started with the defaults: HTTPS and auth on. */
  public static InfluxServer start() {
    return builder().start();
  }

  /** {@code https://localhost:PORT} (or {@code http://127.0.0.1:PORT} with HTTPS off). */
  public String url() {
    throw new UnsupportedOperationException("not yet");
  }

  public int port() {
    throw new UnsupportedOperationException("not yet");
  }

  /** The root CA that issued the server certificate. */
  public TestCertificate ca() {
    throw new UnsupportedOperationException("not yet");
  }

  /** {@link #ca()} written as PEM. */
  public Path caPem() {
    throw new UnsupportedOperationException("not yet");
  }

  public String adminUser() {
    throw new UnsupportedOperationException("not yet");
  }

  /** A fresh copy each call. */
  public char[] adminPassword() {
    throw new UnsupportedOperationException("not yet");
  }

  /** The JWT shared secret configured in {@code [http] shared-secret}; a fresh copy each call. */
  public char[] sharedSecret() {
    throw new UnsupportedOperationException("not yet");
  }

  /** Stops the process and deletes its directory. */
  @Override
  public void close() {
    throw new UnsupportedOperationException("not yet");
  }

  public static final class Builder {
    private Builder() {}

    public Builder https(boolean on) {
      throw new UnsupportedOperationException("not yet");
    }

    public Builder auth(boolean on) {
      throw new UnsupportedOperationException("not yet");
    }

    /** Server certificate to use instead of a generated localhost one (issued by {@code ca}). */
    public Builder serverCertificate(TestCertificate certificate, TestCertificate ca) {
      throw new UnsupportedOperationException("not yet");
    }

    public InfluxServer start() {
      throw new UnsupportedOperationException("not yet");
    }
  }
}
