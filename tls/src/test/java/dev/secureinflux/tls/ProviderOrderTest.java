package dev.secureinflux.tls;

import static dev.secureinflux.tls.Handshakes.assertEcho;
import static dev.secureinflux.tls.Handshakes.connect;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.secureinflux.testkit.TestCertificate;
import dev.secureinflux.testkit.TestCertificate.KeyType;
import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.security.Security;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.List;
import javax.net.ssl.SSLSocket;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An application that registered BouncyCastle at position 1 (done here in the test only, and undone after each
 * test) still gets JDK key and certificate objects from every loader, and handshakes still work.
 */
class ProviderOrderTest {
  private static final char[] PASS = "Prov-Order-Pass-3".toCharArray();

  @TempDir
  static Path dir;

  private static TestCertificate root;
  private static TestCertificate server;
  private static Path rootPem;

  @BeforeAll
  static void material() {
    // Made before BouncyCastle is registered, so the files are the JDK's own output.
    root = TestCertificate.newRootCa("Provider Order Root");
    server = TestCertificate.builder().issuer(root).localhostServer().build();
    rootPem = root.writeCertificatePem(dir.resolve("root.pem"));
    TestCertificate.writeTrustStore(dir.resolve("trust.p12"), "PKCS12", PASS, root.certificate());
    TestCertificate.writeTrustStore(dir.resolve("trust.jks"), "JKS", PASS, root.certificate());
    for (KeyType type : List.of(KeyType.RSA_2048, KeyType.EC_P256, KeyType.ED25519)) {
      TestCertificate client = TestCertificate.builder().issuer(root).commonName("client-" + type).keyType(type)
          .clientAuth().build();
      client.writeChainPem(dir.resolve(type + "-chain.pem"));
      client.writePrivateKeyPem(dir.resolve(type + "-key.pem"));
      client.writeKeyStore(dir.resolve(type + ".p12"), "PKCS12", "client", PASS, PASS);
    }
  }

  @BeforeEach
  void bouncyCastleFirst() {
    assertEquals(1, Security.insertProviderAt(new BouncyCastleProvider(), 1));
  }

  @AfterEach
  void removeBouncyCastle() {
    Security.removeProvider(BouncyCastleProvider.PROVIDER_NAME);
  }

  @Test
  void keyMaterial_bouncyCastleFirst_pemAndPkcs12GiveJdkKeysAndCertificates() {
    for (KeyType type : List.of(KeyType.RSA_2048, KeyType.EC_P256, KeyType.ED25519)) {
      KeyMaterial.Identity pem = KeyMaterial.pem(dir.resolve(type + "-chain.pem"), dir.resolve(type + "-key.pem"),
          null).load(Clock.systemUTC());
      KeyMaterial.Identity p12 = KeyMaterial.keyStore(dir.resolve(type + ".p12"), PASS).load(Clock.systemUTC());
      for (KeyMaterial.Identity identity : List.of(pem, p12)) {
        assertJdk(identity.key, type.toString());
        identity.chain.forEach(c -> assertJdk(c, type.toString()));
        assertEquals("CN=client-" + type + ",O=secureinflux tests",
            identity.chain.get(0).getSubjectX500Principal().getName());
      }
    }
  }

  @Test
  void trustMaterial_bouncyCastleFirst_everyFormatGivesJdkCertificates() throws Exception {
    X509Certificate bcObject = (X509Certificate) CertificateFactory.getInstance("X.509")
        .generateCertificate(new ByteArrayInputStream(root.certificate().getEncoded()));
    assertTrue(bcObject.getClass().getName().startsWith("org.bouncycastle"), bcObject.getClass().getName());
    List<TrustMaterial> all = List.of(TrustMaterial.pem(rootPem), TrustMaterial.keyStore(dir.resolve("trust.p12"),
        PASS), TrustMaterial.keyStore(dir.resolve("trust.jks"), PASS), TrustMaterial.certificates(bcObject));
    for (TrustMaterial trust : all) {
      List<X509Certificate> anchors = trust.anchors();
      assertEquals(List.of(root.certificate()), anchors, trust.toString());
      anchors.forEach(a -> assertJdk(a, trust.toString()));
    }
  }

  @Test
  void handshake_bouncyCastleFirst_connects() throws Exception {
    TlsConfig tls = TlsConfig.builder().trust(TrustMaterial.pem(rootPem))
        .identity(KeyMaterial.pem(dir.resolve(KeyType.EC_P256 + "-chain.pem"),
            dir.resolve(KeyType.EC_P256 + "-key.pem"), null))
        .build();
    try (LoopbackTlsServer s = LoopbackTlsServer.requiringClientCertificate(server, root.certificate());
        SSLSocket c = connect(tls, "localhost", s.port())) {
      assertEcho(c, "bouncy castle first");
    }
    for (X509Certificate system : TlsConfig.builder().build().trustManager().getAcceptedIssuers()) {
      assertJdk(system, "system anchor");
    }
  }

  private static void assertJdk(Object o, String what) {
    assertFalse(o.getClass().getName().startsWith("org.bouncycastle"), what + ": " + o.getClass().getName());
  }
}
