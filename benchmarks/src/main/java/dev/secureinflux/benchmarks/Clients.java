package dev.secureinflux.benchmarks;

import dev.secureinflux.SecureInflux;
import dev.secureinflux.auth.Credentials;
import dev.secureinflux.tls.KeyMaterial;
import dev.secureinflux.tls.TrustMaterial;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import okhttp3.OkHttpClient;
import org.influxdb.InfluxDB;
import org.influxdb.InfluxDBFactory;

/**
 * The two clients every figure compares, built from the same files: the secured client through the basic public
 * builder only, and bare influxdb-java with a JDK {@code SSLContext} built by hand, as its users do. Loads no
 * testkit or BouncyCastle class itself (the cold-JVM probes rely on that).
 */
final class Clients {
  /** The variants the report compares; {@code CONTROL} is a second bare client, the noise control. */
  enum Kind {
    SECURED("secured"),
    BARE("bare"),
    CONTROL("control");

    final String label;

    Kind(String label) {
      this.label = label;
    }
  }

  private Clients() {}

  static InfluxDB build(Kind kind, Endpoint endpoint) {
    return kind == Kind.SECURED ? secured(endpoint) : bare(endpoint);
  }

  /** {@code SecureInflux.builder().url(..).credentials(..).trust(TrustMaterial.pem(..)).identity(..).build()}. */
  static InfluxDB secured(Endpoint endpoint) {
    return secured(endpoint, endpoint.mutualTls() ? KeyMaterial.pem(endpoint.chainPem(), endpoint.keyPem(), null)
        : null);
  }

  /** The secured client with {@code identity} (any format) instead of the endpoint's PEM key, or none. */
  static InfluxDB secured(Endpoint endpoint, KeyMaterial identity) {
    SecureInflux.Builder builder = SecureInflux.builder()
        .url(endpoint.url())
        .credentials(Credentials.basic(endpoint.user(), endpoint.password()))
        .trust(TrustMaterial.pem(endpoint.caPem()));
    if (identity != null) {
      builder.identity(identity);
    }
    return builder.build();
  }

  /** Bare influxdb-java: {@code InfluxDBFactory.connect(url, user, password, okHttpBuilder)}. */
  static InfluxDB bare(Endpoint endpoint) {
    return InfluxDBFactory.connect(endpoint.url(), endpoint.user(), new String(endpoint.password()),
        bareOkHttp(endpoint));
  }

  /**
   * OkHttp with a JDK {@code SSLContext} trusting exactly the CA file and, for mutual TLS, holding the PEM chain and
   * PKCS#8 key: {@code CertificateFactory}, {@code KeyStore}, {@code TrustManagerFactory},
   * {@code KeyManagerFactory}, all with the JDK's default types and algorithms (PKCS12 key stores, PKIX trust,
   * SunX509 keys), as the JDK's documentation shows. A PKCS12 store encrypts the key in {@code setKeyEntry} and
   * {@code KeyManagerFactory.init} decrypts it again (PBES2, 10,000 iterations each), even in memory: about 7 ms
   * of this client's build, warm (a JKS store takes 0.3 ms for the same two steps).
   */
  static OkHttpClient.Builder bareOkHttp(Endpoint endpoint) {
    try {
      CertificateFactory x509 = CertificateFactory.getInstance("X.509");
      KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
      trust.load(null, null);
      int i = 0;
      for (Certificate ca : certificates(x509, endpoint.caPem())) {
        trust.setCertificateEntry("ca-" + i++, ca);
      }
      TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(trust);
      X509TrustManager trustManager = (X509TrustManager) tmf.getTrustManagers()[0];
      KeyManager[] keyManagers = null;
      if (endpoint.mutualTls()) {
        List<Certificate> chain = certificates(x509, endpoint.chainPem());
        PrivateKey key = KeyFactory.getInstance(chain.get(0).getPublicKey().getAlgorithm())
            .generatePrivate(new PKCS8EncodedKeySpec(pemBody(endpoint.keyPem())));
        char[] storePassword = "in-memory".toCharArray();
        KeyStore keys = KeyStore.getInstance(KeyStore.getDefaultType());
        keys.load(null, null);
        keys.setKeyEntry("client", key, storePassword, chain.toArray(new Certificate[0]));
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(keys, storePassword);
        keyManagers = kmf.getKeyManagers();
      }
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(keyManagers, new TrustManager[] {trustManager}, null);
      return new OkHttpClient.Builder().sslSocketFactory(context.getSocketFactory(), trustManager);
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalStateException("cannot build the bare client's SSLContext from " + endpoint + ": " + e, e);
    }
  }

  private static List<Certificate> certificates(CertificateFactory x509, Path pem)
      throws IOException, GeneralSecurityException {
    try (InputStream in = Files.newInputStream(pem)) {
      return new ArrayList<>(x509.generateCertificates(in));
    }
  }

  private static byte[] pemBody(Path pem) throws IOException {
    StringBuilder body = new StringBuilder();
    for (String line : Files.readAllLines(pem, StandardCharsets.US_ASCII)) {
      if (!line.startsWith("-----")) {
        body.append(line.strip());
      }
    }
    return Base64.getDecoder().decode(body.toString());
  }
}
