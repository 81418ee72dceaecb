package dev.secureinflux.tls.internal;

/**
 * The library's {@code System.Logger} ({@code dev.secureinflux.tls}), created on first use: looking a logger up
 * starts the JDK's logging back end, which costs about 100 ms of a cold start that logs nothing. Not API.
 */
public final class TlsLog {
  private TlsLog() {}

  /** The logger {@code dev.secureinflux.tls}; the first call creates it. */
  public static System.Logger get() {
    return Holder.LOG;
  }

  private static final class Holder {
    static final System.Logger LOG = System.getLogger("dev.secureinflux.tls");
  }
}
