package dev.secureinflux.tls.internal;

import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateException;
import java.security.Security;
import java.security.cert.X509Certificate;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * What the running JDK's TLS implementation supports, read once: its supported names minus those that its
 * {@code jdk.tls.disabledAlgorithms} names outright (exactly or as a {@code PREFIX*} pattern), since JSSE would
 * silently leave those out of a handshake. Constraints such as {@code DH keySize < 1024} are not interpreted.
 * Not API.
 */
public final class JdkTls {
  private static final class Holder {
    static final SSLParameters SUPPORTED = read();
    static final String DISABLED = Security.getProperty("jdk.tls.disabledAlgorithms");
    static final Set<String> PROTOCOLS = usable(SUPPORTED.getProtocols(), DISABLED);
    static final Set<String> CIPHER_SUITES = usable(SUPPORTED.getCipherSuites(), DISABLED);
  }

  private JdkTls() {}

  /** Protocol versions the JDK supports and does not disable by name. */
  public static Set<String> protocols() {
    return Holder.PROTOCOLS;
  }

  /** Cipher suites the JDK supports and does not disable by name. */
  public static Set<String> cipherSuites() {
    return Holder.CIPHER_SUITES;
  }

  /** {@code names} without those that {@code disabledProperty} (a jdk.tls.disabledAlgorithms value) names. */
  static Set<String> usable(String[] names, String disabledProperty) {
    Set<String> out = new LinkedHashSet<>();
    for (String name : names) {
      if (!isDisabled(name, disabledProperty)) {
        out.add(name);
      }
    }
    return Collections.unmodifiableSet(out);
  }

  /** True when {@code disabledProperty} lists {@code name} itself or a {@code PREFIX*} pattern matching it. */
  static boolean isDisabled(String name, String disabledProperty) {
    if (disabledProperty == null) {
      return false;
    }
    String upper = name.toUpperCase(Locale.ROOT);
    for (String entry : disabledProperty.split(",")) {
      String e = entry.trim().toUpperCase(Locale.ROOT);
      if (e.isEmpty() || e.contains(" ")) {
        continue; // A constraint ("DH keySize < 1024", "include ..."), not a name.
      }
      if (e.endsWith("*") ? upper.startsWith(e.substring(0, e.length() - 1)) : upper.equals(e)) {
        return true;
      }
    }
    return false;
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
