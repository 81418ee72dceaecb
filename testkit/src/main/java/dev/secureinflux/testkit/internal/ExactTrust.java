package dev.secureinflux.testkit.internal;

import dev.secureinflux.testkit.TestkitException;
import java.io.IOException;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * The testkit's own channel to a server it configured: trusts exactly the one leaf certificate it gave that
 * server, whatever its validity dates and names, so a server started with an expired certificate or one
 * without subjectAltNames can still be probed and administered. Never used by the library under test.
 */
public final class ExactTrust {
  private ExactTrust() {}

  /**
   * A client context whose server must present {@code leaf} (compared by encoding) as its end-entity
   * certificate; with {@code identityKey} and {@code identityChain} it offers that client certificate.
   */
  public static SSLContext context(X509Certificate leaf, PrivateKey identityKey, List<X509Certificate> identityChain) {
    Objects.requireNonNull(leaf, "leaf == null");
    try {
      KeyManager[] keyManagers = null;
      if (identityKey != null) {
        char[] password = "testkit".toCharArray();
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry("client", identityKey, password, identityChain.toArray(new X509Certificate[0]));
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(store, password);
        keyManagers = kmf.getKeyManagers();
      }
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(keyManagers, new X509ExtendedTrustManager[] {new Exact(leaf)}, null);
      return context;
    } catch (GeneralSecurityException | IOException e) {
      throw new TestkitException("cannot build the testkit's own SSLContext: " + e, e);
    }
  }

  /** Accepts a server chain whose first certificate is exactly the expected one; no client side. */
  private static final class Exact extends X509ExtendedTrustManager {
    private final X509Certificate expected;

    Exact(X509Certificate expected) {
      this.expected = expected;
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
      if (chain == null || chain.length == 0 || !chain[0].equals(expected)) {
        throw new CertificateException("the server did not present the certificate the testkit gave it ("
            + expected.getSubjectX500Principal() + ", serial " + expected.getSerialNumber().toString(16) + ")");
      }
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
        throws CertificateException {
      checkServerTrusted(chain, authType);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
        throws CertificateException {
      checkServerTrusted(chain, authType);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
      throw new CertificateException("the testkit's own channel is a client only");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
        throws CertificateException {
      checkClientTrusted(chain, authType);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
        throws CertificateException {
      checkClientTrusted(chain, authType);
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return new X509Certificate[0];
    }
  }
}
