package dev.secureinflux.tls.internal;

import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.Set;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;

/** What the running JDK's TLS implementation supports, read once. Not API. */
public final class JdkTls {
  private static final class Holder {
    static final SSLParameters SUPPORTED = read();
  }

  private JdkTls() {}

  /** Protocol versions the JDK supports. */
  public static Set<String> protocols() {
    return Set.of(Holder.SUPPORTED.getProtocols());
  }

  /** Cipher suites the JDK supports. */
  public static Set<String> cipherSuites() {
    return Set.of(Holder.SUPPORTED.getCipherSuites());
  }

  /** A fresh, uninitialised JDK context of the default provider. */
  public static SSLContext newContext() {
    try {
      return SSLContext.getInstance("TLS");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK has no TLS SSLContext", e);
    }
  }

  private static SSLParameters read() {
    try {
      // A context with a refusing trust manager: supported parameters need init, and this avoids cacerts.
      SSLContext context = newContext();
      context.init(new KeyManager[0], new TrustManager[] {new Refusing()}, null);
      return context.getSupportedSSLParameters();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot read the JDK's TLS parameters", e);
    }
  }

  private static final class Refusing extends X509ExtendedTrustManager {
    @Override
    public void checkClientTrusted(X509Certificate[] c, String a, Socket s) throws CertificateException {
      throw new CertificateException("refused");
    }

    @Override
    public void checkServerTrusted(X509Certificate[] c, String a, Socket s) throws CertificateException {
      throw new CertificateException("refused");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] c, String a, SSLEngine e) throws CertificateException {
      throw new CertificateException("refused");
    }

    @Override
    public void checkServerTrusted(X509Certificate[] c, String a, SSLEngine e) throws CertificateException {
      throw new CertificateException("refused");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] c, String a) throws CertificateException {
      throw new CertificateException("refused");
    }

    @Override
    public void checkServerTrusted(X509Certificate[] c, String a) throws CertificateException {
      throw new CertificateException("refused");
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return new X509Certificate[0];
    }
  }
}
