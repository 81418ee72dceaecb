package dev.secureinflux.tls;

import dev.secureinflux.testkit.TestCertificate;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * Time to build a TLS client context from a PEM CA file plus a PEM client chain and PKCS#8 key: with
 * {@link TlsConfig} against the same by hand with JDK {@code KeyStore}/{@code TrustManagerFactory}/
 * {@code KeyManagerFactory}. Warm: median of 200 runs each after 200 warm-up runs, in one JVM. Cold: the first
 * call in a fresh JVM (one child JVM per variant). Run with
 * {@code ./mvnw -B -q -pl tls -am -Pbenchmark verify -DskipTests}.
 */
public final class TlsConfigBenchmark {
  private static final int WARMUP = 200;
  private static final int RUNS = 200;

  private TlsConfigBenchmark() {}

  /** No argument: the whole benchmark; {@code cold <library|jdk> <dir>}: one cold call (child JVM). */
  public static void main(String[] args) throws Exception {
    if (args.length == 3 && args[0].equals("cold")) {
      Path dir = Path.of(args[2]);
      long start = System.nanoTime();
      build(args[1], dir);
      System.out.println((System.nanoTime() - start) / 1000);
      return;
    }
    Path dir = Files.createTempDirectory("tls-benchmark");
    TestCertificate ca = TestCertificate.newRootCa("Benchmark CA");
    TestCertificate client = TestCertificate.builder().issuer(ca).commonName("benchmark client").clientAuth().build();
    ca.writeCertificatePem(dir.resolve("ca.pem"));
    client.writeChainPem(dir.resolve("client.pem"));
    client.writePrivateKeyPem(dir.resolve("client-key.pem"));

    double coldLibrary = cold("library", dir);
    double coldJdk = cold("jdk", dir);
    for (int i = 0; i < WARMUP; i++) {
      build("library", dir);
      build("jdk", dir);
    }
    long[] library = new long[RUNS];
    long[] jdk = new long[RUNS];
    for (int i = 0; i < RUNS; i++) {
      long t0 = System.nanoTime();
      build("library", dir);
      long t1 = System.nanoTime();
      build("jdk", dir);
      long t2 = System.nanoTime();
      library[i] = t1 - t0;
      jdk[i] = t2 - t1;
    }
    System.out.println("TlsConfigBenchmark (PEM CA + PEM EC P-256 client chain and key -> SSLContext), "
        + System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
    System.out.println(String.format(Locale.ROOT, "  %-34s warm median %8.3f ms   cold (fresh JVM) %8.1f ms",
        "TlsConfig.builder()...build()", median(library), coldLibrary));
    System.out.println(String.format(Locale.ROOT, "  %-34s warm median %8.3f ms   cold (fresh JVM) %8.1f ms",
        "JDK KeyStore/TMF/KMF by hand", median(jdk), coldJdk));
  }

  private static Object build(String variant, Path dir) throws Exception {
    Path ca = dir.resolve("ca.pem");
    Path chain = dir.resolve("client.pem");
    Path key = dir.resolve("client-key.pem");
    if (variant.equals("library")) {
      return TlsConfig.builder().trust(TrustMaterial.pem(ca)).identity(KeyMaterial.pem(chain, key, null)).build()
          .sslContext();
    }
    CertificateFactory cf = CertificateFactory.getInstance("X.509");
    KeyStore trust = KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    int i = 0;
    try (InputStream in = Files.newInputStream(ca)) {
      for (Certificate c : cf.generateCertificates(in)) {
        trust.setCertificateEntry("ca-" + i++, c);
      }
    }
    TrustManagerFactory tmf = TrustManagerFactory.getInstance("PKIX");
    tmf.init(trust);
    Collection<? extends Certificate> certs;
    try (InputStream in = Files.newInputStream(chain)) {
      certs = cf.generateCertificates(in);
    }
    String pem = Files.readString(key);
    String body = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
    PrivateKey privateKey = KeyFactory.getInstance("EC")
        .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(body)));
    char[] password = "benchmark".toCharArray();
    KeyStore keys = KeyStore.getInstance("PKCS12");
    keys.load(null, null);
    keys.setKeyEntry("client", privateKey, password, certs.toArray(new Certificate[0]));
    KeyManagerFactory kmf = KeyManagerFactory.getInstance("PKIX");
    kmf.init(keys, password);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
    return context;
  }

  /** Milliseconds of the first call in a new JVM with this class path. */
  private static double cold(String variant, Path dir) throws Exception {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
        .toString(), "-cp", System.getProperty("java.class.path"), TlsConfigBenchmark.class.getName(), "cold",
        variant, dir.toString()));
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).trim();
    if (p.waitFor() != 0) {
      throw new IllegalStateException("cold run of " + variant + " failed: " + out);
    }
    String[] lines = out.split("\\R");
    return Long.parseLong(lines[lines.length - 1].trim()) / 1000.0;
  }

  private static double median(long[] nanos) {
    long[] sorted = nanos.clone();
    Arrays.sort(sorted);
    return sorted[sorted.length / 2] / 1_000_000.0;
  }

}
