package dev.secureinflux.testkit;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.Objects;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

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
  private static final char[] IN_MEMORY = "in-memory".toCharArray();

  private TestTls() {}

  /** A client context that trusts exactly {@code trustedCa} and has no client certificate. */
  public static SSLContext clientContext(TestCertificate trustedCa) {
    Objects.requireNonNull(trustedCa, "trustedCa == null");
    return context(trustedCa, null);
  }

  /**
   * A client context that trusts exactly {@code trustedCa} and presents {@code identity} (its key and
   * {@link TestCertificate#chain()}) when the server asks for a client certificate.
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
      KeyManagerFactory kmf = null;
      if (identity != null) {
        KeyStore keys = KeyStore.getInstance("PKCS12");
        keys.load(null, null);
        keys.setKeyEntry("client", identity.keyPair().getPrivate(), IN_MEMORY,
            identity.chain().toArray(new Certificate[0]));
        kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(keys, IN_MEMORY);
      }
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(kmf == null ? null : kmf.getKeyManagers(), tmf.getTrustManagers(), null);
      return context;
    } catch (GeneralSecurityException | IOException e) {
      throw new TestkitException("cannot build a JDK SSLContext from the test certificates: " + e, e);
    }
  }
}
