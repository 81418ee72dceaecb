package dev.secureinflux.tls.internal;

import java.security.KeyManagementException;
import java.security.SecureRandom;
import java.util.Objects;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLContextSpi;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocketFactory;
import javax.net.ssl.SSLSessionContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;

/**
 * An initialised JDK {@link SSLContext} behind a wrapper whose socket factory, engines and default and
 * supported parameters all carry the policy; it cannot be re-initialised and has no server side. Not API.
 *
 * <p>After a reload the wrapper moves to a new JDK context ({@link #renew}): sockets and engines created from
 * then on draw sessions from the new context's cache only. The old cache keeps whatever arrives late on old
 * connections (a TLS 1.3 session ticket read after the reload, a TLS 1.2 handshake that finishes after it),
 * and no new socket ever looks there.
 */
public final class PolicySslContext extends SSLContext {
  private final Spi spi;

  private PolicySslContext(Spi spi, SSLContext delegate) {
    super(spi, delegate.getProvider(), delegate.getProtocol());
    this.spi = spi;
  }

  /** Wraps the initialised {@code delegate}, restricted to {@code policy}. */
  public static PolicySslContext wrap(SSLContext delegate, TlsPolicy policy) {
    return new PolicySslContext(new Spi(delegate, policy), delegate);
  }

  /**
   * Readies {@code next} (initialised with the same managers), whose client session cache takes over the size and
   * timeout of the current one, and returns the step after which new sockets and engines come from it; that step
   * allocates nothing and cannot fail.
   */
  public Runnable prepareRenew(SSLContext next) {
    Objects.requireNonNull(next, "next == null");
    SSLSessionContext previous = spi.delegate.getClientSessionContext();
    SSLSessionContext sessions = next.getClientSessionContext();
    sessions.setSessionCacheSize(previous.getSessionCacheSize());
    sessions.setSessionTimeout(previous.getSessionTimeout());
    return () -> spi.delegate = next;
  }

  private static final class Spi extends SSLContextSpi {
    private final TlsPolicy policy;
    private final SSLSocketFactory socketFactory;
    private volatile SSLContext delegate;

    Spi(SSLContext delegate, TlsPolicy policy) {
      this.delegate = delegate;
      this.policy = policy;
      this.socketFactory = new PolicySocketFactory(() -> this.delegate.getSocketFactory(), policy);
    }

    @Override
    protected void engineInit(KeyManager[] km, TrustManager[] tm, SecureRandom sr)
        throws KeyManagementException {
      throw new KeyManagementException("this SSLContext was initialised by TlsConfig and cannot be"
          + " re-initialised; configure trust and identity through TlsConfig.builder()");
    }

    @Override
    protected SSLSocketFactory engineGetSocketFactory() {
      return socketFactory;
    }

    @Override
    protected SSLServerSocketFactory engineGetServerSocketFactory() {
      throw new UnsupportedOperationException("a TlsConfig SSLContext is for TLS clients only; it has no"
          + " server socket factory");
    }

    @Override
    protected SSLEngine engineCreateSSLEngine() {
      return policy.apply(clientMode(delegate.createSSLEngine()));
    }

    @Override
    protected SSLEngine engineCreateSSLEngine(String host, int port) {
      return policy.apply(clientMode(delegate.createSSLEngine(host, port)));
    }

    private static SSLEngine clientMode(SSLEngine engine) {
      engine.setUseClientMode(true);
      return engine;
    }

    @Override
    protected SSLSessionContext engineGetServerSessionContext() {
      return delegate.getServerSessionContext();
    }

    @Override
    protected SSLSessionContext engineGetClientSessionContext() {
      return delegate.getClientSessionContext();
    }

    @Override
    protected SSLParameters engineGetDefaultSSLParameters() {
      return policy.parameters();
    }

    @Override
    protected SSLParameters engineGetSupportedSSLParameters() {
      return policy.parameters();
    }
  }
}
