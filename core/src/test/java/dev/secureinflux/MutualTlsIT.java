package dev.secureinflux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.secureinflux.auth.Credentials;
import dev.secureinflux.testkit.InfluxServer;
import dev.secureinflux.testkit.MtlsProxy;
import dev.secureinflux.testkit.MtlsProxyExtension;
import dev.secureinflux.testkit.TestCertificate;
import dev.secureinflux.testkit.TestCertificate.KeyType;
import dev.secureinflux.tls.KeyMaterial;
import dev.secureinflux.tls.TrustMaterial;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8EncryptorBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.influxdb.InfluxDB;
import org.influxdb.dto.Query;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Mutual TLS through nginx ({@code ssl_verify_client on}) in front of a real influxd, on loopback. */
class MutualTlsIT {
  @RegisterExtension
  static final MtlsProxyExtension MTLS = MtlsProxyExtension.https();

  private static final char[] PASSPHRASE = "key-Passphrase-9".toCharArray();

  @TempDir
  Path dir;

  private final Tripwire tripwire = new Tripwire();

  @AfterEach
  void noTrips() {
    assertEquals(List.of(), tripwire.trips, "tripwire: non-loopback name or address used");
  }

  private SecureInflux.Builder client() {
    MtlsProxy proxy = MTLS.proxy();
    InfluxServer server = MTLS.server();
    return SecureInflux.builder().url(proxy.url())
        .credentials(Credentials.basic(server.adminUser(), server.adminPassword()))
        .trust(TrustMaterial.pem(proxy.serverCaPem())).okHttpClient(tripwire.okHttp());
  }

  private static void assertWorks(InfluxDB db) {
    assertFalse(db.query(new Query("SHOW DATABASES")).hasError());
  }

  private Path encryptedPkcs8(TestCertificate certificate, String name) {
    try {
      JceOpenSSLPKCS8EncryptorBuilder encryptor =
          new JceOpenSSLPKCS8EncryptorBuilder(JcaPKCS8Generator.AES_256_CBC).setProvider(new BouncyCastleProvider())
              .setPassword(PASSPHRASE.clone());
      StringWriter pem = new StringWriter();
      try (JcaPEMWriter writer = new JcaPEMWriter(pem)) {
        writer.writeObject(new JcaPKCS8Generator(certificate.keyPair().getPrivate(), encryptor.build()));
      }
      Path file = dir.resolve(name);
      Files.writeString(file, pem.toString());
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (OperatorCreationException e) {
      throw new IllegalStateException(e);
    }
  }

  private KeyMaterial pem(TestCertificate certificate, String name) {
    return KeyMaterial.pem(certificate.writeChainPem(dir.resolve(name + ".crt")),
        certificate.writePrivateKeyPem(dir.resolve(name + ".key")), null);
  }

  @Test
  void query_ecPemIdentity_works() {
    try (InfluxDB db = client().identity(pem(MTLS.proxy().newClientCertificate("app-ec"), "ec")).build()) {
      assertWorks(db);
    }
  }

  @Test
  void query_rsaPemIdentity_works() {
    TestCertificate rsa = MTLS.proxy().newClientCertificate("app-rsa", KeyType.RSA_2048);
    try (InfluxDB db = client().identity(pem(rsa, "rsa")).build()) {
      assertWorks(db);
    }
  }

  @Test
  void query_encryptedEcAndRsaPemIdentities_work() {
    for (KeyType type : List.of(KeyType.EC_P256, KeyType.RSA_2048)) {
      TestCertificate cert = MTLS.proxy().newClientCertificate("app-enc-" + type, type);
      Path chain = cert.writeChainPem(dir.resolve(type + ".crt"));
      Path key = encryptedPkcs8(cert, type + ".enc.key");
      try (InfluxDB db = client().identity(KeyMaterial.pem(chain, key, PASSPHRASE.clone())).build()) {
        assertWorks(db);
      }
    }
  }

  @Test
  void query_pkcs12Identity_works() {
    TestCertificate cert = MTLS.proxy().newClientCertificate("app-p12");
    Path p12 = cert.writeKeyStore(dir.resolve("client.p12"), "PKCS12", "client", PASSPHRASE.clone(),
        PASSPHRASE.clone());
    try (InfluxDB db = client().identity(KeyMaterial.keyStore(p12, PASSPHRASE.clone())).build()) {
      assertWorks(db);
    }
  }

  @Test
  void query_withoutClientCertificate_clientCertificateExceptionSayingHowToFix() {
    try (InfluxDB db = client().build()) {
      ClientCertificateException e = assertThrows(ClientCertificateException.class,
          () -> db.query(new Query("SHOW DATABASES")));
      assertTrue(e.getMessage().contains("none was sent"), e.getMessage());
      assertTrue(e.getMessage().contains("identity(KeyMaterial.pem"), e.getMessage());
    }
  }

  @Test
  void query_certificateFromAnotherCa_clientCertificateExceptionNamingIt() {
    TestCertificate otherCa = TestCertificate.newRootCa("Other Client CA");
    TestCertificate stranger = TestCertificate.builder().issuer(otherCa).commonName("stranger").clientAuth()
        .build();
    try (InfluxDB db = client().identity(pem(stranger, "stranger")).build()) {
      RuntimeException e = assertThrows(RuntimeException.class, () -> db.query(new Query("SHOW DATABASES")));
      String text = HttpsInfluxIT.causes(e);
      assertTrue(e instanceof ClientCertificateException, text);
      assertTrue(e.getMessage().contains("stranger"), e.getMessage());
      assertTrue(e.getMessage().contains("Other Client CA"), e.getMessage());
      assertFalse(text.contains(new String(MTLS.server().adminPassword())), text);
    }
  }
}
