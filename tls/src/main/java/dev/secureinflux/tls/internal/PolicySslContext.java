package dev.secureinflux.tls.internal;

import java.security.KeyManagementException;
import java.security.SecureRandom;
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
 */
public final class PolicySslContext extends SSLContext {
  private PolicySslContext(Spi spi, SSLContext delegate) {
    super(spi, delegate.getProvider(), delegate.getProtocol());
  }

  /** Wraps the initialised {@code delegate}, restricted to {@code policy}. */
  public static SSLContext wrap(SSLContext delegate, TlsPolicy policy) {
    return new PolicySslContext(new Spi(delegate, policy), delegate);
  }

  private static final class Spi extends SSLContextSpi {
    private final SSLContext delegate;
    private final TlsPolicy policy;
    private final SSLSocketFactory socketFactory;

    Spi(SSLContext delegate, TlsPolicy policy) {
      this.delegate = delegate;
      this.policy = policy;
      this.socketFactory = new PolicySocketFactory(delegate.getSocketFactory(), policy);
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
