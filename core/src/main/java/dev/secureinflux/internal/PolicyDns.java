package dev.secureinflux.internal;

import dev.secureinflux.auth.internal.Loopback;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Objects;
import okhttp3.Dns;

/**
 * The resolver under every secured client.
 *
 * <p>{@code localhost} and {@code localhost.} are answered with 127.0.0.1 and ::1 without asking anyone. For a
 * plain-HTTP client every other name is refused (plain HTTP is only for loopback, and OkHttp does not ask a
 * {@code Dns} for IP literals). For an HTTPS client other names go to the delegate (the user's or the system's).
 */
public final class PolicyDns implements Dns {
  private final Dns delegate;
  private final boolean plainHttp;

  /** A resolver for a plain-HTTP client ({@code plainHttp}) or an HTTPS one, delegating as described. */
  public PolicyDns(Dns delegate, boolean plainHttp) {
    this.delegate = Objects.requireNonNull(delegate, "delegate == null");
    this.plainHttp = plainHttp;
  }

  @Override
  public List<InetAddress> lookup(String hostname) throws UnknownHostException {
    Objects.requireNonNull(hostname, "hostname == null");
    if (Loopback.isLocalhostName(hostname)) {
      return Loopback.localhostAddresses(hostname);
    }
    if (plainHttp) {
      throw new UnknownHostException("refused to resolve '" + hostname + "' for plain HTTP: only loopback "
          + "(127.0.0.0/8, [::1], localhost) may be reached without TLS; use https://");
    }
    return delegate.lookup(hostname);
  }

  @Override
  public String toString() {
    return "PolicyDns{plainHttp=" + plainHttp + "}";
  }
}
