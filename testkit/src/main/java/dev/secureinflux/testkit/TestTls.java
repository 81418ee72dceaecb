package dev.secureinflux.testkit;

import java.io.IOException;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Objects;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedKeyManager;

/**
 * JDK {@link SSLContext}s built straight from {@link TestCertificate}s, for tests that talk to the testkit's
 * servers without the library under test (reference clients, benchmarks against bare influxdb-java).
 *
 * <p>Only the JDK's own providers and PKIX validation are used (hostname checks stay with the HTTP client);
 * nothing JVM-wide is changed.
 *
 * <pre>{@code
 * SSLContext tls = TestTls.clientContext(server.ca());
 * HttpClient http = HttpClient.newBuilder().sslContext(tls).build();
 * }</pre>
 */
public final class TestTls {
  private TestTls() {}

  /** A client context that trusts exactly {@code trustedCa} and has no client certificate. */
  public static SSLContext clientContext(TestCertificate trustedCa) {
    Objects.requireNonNull(trustedCa, "trustedCa == null");
    return context(trustedCa, null);
  }

  /**
   * A client context that trusts exactly {@code trustedCa} and presents {@code identity} (its key and
   * {@link TestCertificate#chain()}) whenever the server asks for a client certificate, even if the server's
   * list of acceptable issuers does not name its CA (the JDK's own key manager would then send none), so a
   * test of a certificate from the wrong CA really sends it.
   */
  public static SSLContext clientContext(TestCertificate trustedCa, TestCertificate identity) {
    Objects.requireNonNull(trustedCa, "trustedCa == null");
    Objects.requireNonNull(identity, "identity == null");
    return context(trustedCa, identity);
  }

  private static SSLContext context(TestCertificate trustedCa, TestCertificate identity) {
    try {
      KeyStore trust = KeyStore.getInstance("PKCS12");
      trust.load(null, null);
      trust.setCertificateEntry("ca", trustedCa.certificate());
      TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(trust);
      KeyManager[] keyManagers = identity == null ? null
          : new KeyManager[] {new AlwaysPresent(identity.keyPair().getPrivate(),
              identity.chain().toArray(new X509Certificate[0]))};
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(keyManagers, tmf.getTrustManagers(), null);
      return context;
    } catch (GeneralSecurityException | IOException e) {
      throw new TestkitException("cannot build a JDK SSLContext from the test certificates: " + e, e);
    }
  }

  /** Offers the one client entry whatever issuers the server names; server-side methods are unused. */
  private static final class AlwaysPresent extends X509ExtendedKeyManager {
    private static final String ALIAS = "client";
    private final PrivateKey key;
    private final X509Certificate[] chain;

    AlwaysPresent(PrivateKey key, X509Certificate[] chain) {
      this.key = key;
      this.chain = chain;
    }

    @Override
    public String[] getClientAliases(String keyType, Principal[] issuers) {
      return new String[] {ALIAS};
    }

    @Override
    public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
      return ALIAS;
    }

    @Override
    public String chooseEngineClientAlias(String[] keyType, Principal[] issuers, SSLEngine engine) {
      return ALIAS;
    }

    @Override
    public String[] getServerAliases(String keyType, Principal[] issuers) {
      return null;
    }

    @Override
    public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
      return null;
    }

    @Override
    public X509Certificate[] getCertificateChain(String alias) {
      return ALIAS.equals(alias) ? chain.clone() : null;
    }

    @Override
    public PrivateKey getPrivateKey(String alias) {
      return ALIAS.equals(alias) ? key : null;
    }
  }
}
