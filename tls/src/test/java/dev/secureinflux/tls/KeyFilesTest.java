package dev.secureinflux.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.secureinflux.testkit.TestCertificate;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** KeyMaterial.pem with files written from the test PKI: loading, normalising and every refusal. */
class KeyFilesTest {
  private static final TestCertificate ROOT = TestCertificate.newRootCa("PEM Root");
  private static final TestCertificate INTERMEDIATE =
      TestCertificate.builder().commonName("PEM Intermediate").issuer(ROOT).ca().build();
  private static final TestCertificate CLIENT =
      TestCertificate.builder().commonName("pem-client").issuer(INTERMEDIATE).clientAuth().build();
  private static final String PASSPHRASE = "Key-File-Phrase-3";

  @TempDir
  Path dir;

  @Test
  void pem_chainAndKeyInTwoFiles_loads() {
    KeyMaterial material = KeyMaterial.pem(chain(), key(), null);
    KeyMaterial.Identity identity = material.load(Clock.systemUTC());
    assertEquals(CLIENT.chain(), identity.chain);
    assertEquals(List.of(chain(), key()), material.files());
    assertTrue(material.toString().contains(key().toString()), material.toString());
  }

  @Test
  void pem_chainOutOfOrder_reordered() throws IOException {
    Path reversed = write("reversed.pem", ROOT.certificatePem() + INTERMEDIATE.certificatePem()
        + CLIENT.certificatePem() + INTERMEDIATE.certificatePem());
    KeyMaterial.Identity identity = KeyMaterial.pem(reversed, key(), null).load(Clock.systemUTC());
    assertEquals(List.of(CLIENT.certificate(), INTERMEDIATE.certificate(), ROOT.certificate()), identity.chain);
  }

  @Test
  void pem_keyDoesNotMatchLeaf_throwsKeyMismatch() {
    TestCertificate other = TestCertificate.builder().commonName("other").issuer(INTERMEDIATE).build();
    Path otherKey = other.writePrivateKeyPem(dir.resolve("other.key"));
    KeyMismatchException e = assertThrows(KeyMismatchException.class,
        () -> KeyMaterial.pem(chain(), otherKey, null).load(Clock.systemUTC()));
    assertTrue(e.getMessage().contains("does not belong") && e.getMessage().contains(otherKey.toString())
        && e.getMessage().contains("CN=pem-client"), e.getMessage());
  }

  @Test
  void pem_unlinkedCertificate_throwsKeyMismatch() throws IOException {
    TestCertificate stranger = TestCertificate.newRootCa("Stranger Root");
    Path file = write("unlinked.pem", CLIENT.chainPem() + stranger.certificatePem());
    KeyMismatchException e = assertThrows(KeyMismatchException.class,
        () -> KeyMaterial.pem(file, key(), null).load(Clock.systemUTC()));
    assertTrue(e.getMessage().contains("does not link") && e.getMessage().contains("CN=Stranger Root")
        && e.getMessage().contains(file.toString()), e.getMessage());
  }

  @Test
  void pem_keyFileMode644_throwsInsecure() {
    Path key = Openssl.mode(key(), "rw-r--r--");
    InsecureKeyFileException e = assertThrows(InsecureKeyFileException.class,
        () -> KeyMaterial.pem(chain(), key, null).load(Clock.systemUTC()));
    assertTrue(e.getMessage().contains(key.toString()) && e.getMessage().contains("chmod 600"), e.getMessage());
  }

  @Test
  void pem_keyFileGroupReadable_throwsInsecure() {
    Path key = Openssl.mode(key(), "rw-r-----");
    assertThrows(InsecureKeyFileException.class, () -> KeyMaterial.pem(chain(), key, null).load(Clock.systemUTC()));
  }

  @Test
  void pem_keyFileMode600And400_accepted() {
    assertEquals(CLIENT.certificate(), KeyMaterial.pem(chain(), Openssl.mode(key(), "rw-------"), null)
        .load(Clock.systemUTC()).chain.get(0));
    assertEquals(CLIENT.certificate(), KeyMaterial.pem(chain(), Openssl.mode(key(), "r--------"), null)
        .load(Clock.systemUTC()).chain.get(0));
  }

  @Test
  void pem_symlinkedFilesLikeKubernetes_load() throws IOException {
    // Kubernetes: tls.key -> ..data/tls.key, ..data -> ..2026_12_01_09_00_00.123 (a directory swapped on update).
    Path version = Files.createDirectory(dir.resolve("..2026_12_01_09_00_00.123"));
    CLIENT.writeChainPem(version.resolve("tls.crt"));
    CLIENT.writePrivateKeyPem(version.resolve("tls.key"));
    Files.createSymbolicLink(dir.resolve("..data"), version.getFileName());
    Path crt = Files.createSymbolicLink(dir.resolve("tls.crt"), Path.of("..data", "tls.crt"));
    Path key = Files.createSymbolicLink(dir.resolve("tls.key"), Path.of("..data", "tls.key"));
    KeyMaterial.Identity identity = KeyMaterial.pem(crt, key, null).load(Clock.systemUTC());
    assertEquals(CLIENT.certificate(), identity.chain.get(0));
  }

  @Test
  void pem_symlinkToWorldReadableKey_throwsNamingTarget() throws IOException {
    Path target = Openssl.mode(CLIENT.writePrivateKeyPem(dir.resolve("real.key")), "rw-r--r--");
    Path link = Files.createSymbolicLink(dir.resolve("link.key"), target);
    InsecureKeyFileException e = assertThrows(InsecureKeyFileException.class,
        () -> KeyMaterial.pem(chain(), link, null).load(Clock.systemUTC()));
    assertTrue(e.getMessage().contains(link.toString()) && e.getMessage().contains("chmod 600 " + target.toRealPath()),
        e.getMessage());
  }

  @Test
  void pem_certificateWhereKeyExpected_throws() {
    MaterialFormatException e = assertThrows(MaterialFormatException.class,
        () -> KeyMaterial.pem(chain(), Openssl.ownerOnly(chain()), null).load(Clock.systemUTC()));
    assertTrue(e.getMessage().contains("certificate") && e.getMessage().contains("where a private key is expected"),
        e.getMessage());
  }

  @Test
  void pem_keyWhereCertificateExpected_throws() {
    Path key = key();
    MaterialFormatException e = assertThrows(MaterialFormatException.class,
        () -> KeyMaterial.pem(key, key, null).load(Clock.systemUTC()));
    assertTrue(e.getMessage().contains("private key where a certificate is expected"), e.getMessage());
    Path otherKey = CLIENT.writePrivateKeyPem(dir.resolve("second.key"));
    MaterialFormatException twoFiles = assertThrows(MaterialFormatException.class,
        () -> KeyMaterial.pem(otherKey, key, null).load(Clock.systemUTC()));
    assertTrue(twoFiles.getMessage().contains(otherKey.toString()), twoFiles.getMessage());
  }

  @Test
  void pem_missingKeyFile_throwsAtCall() {
    Path missing = dir.resolve("absent.key");
    MaterialFileException e = assertThrows(MaterialFileException.class, () -> KeyMaterial.pem(chain(), missing, null));
    assertTrue(e.getMessage().contains(missing.toString()) && e.getMessage().contains("does not exist"),
        e.getMessage());
  }

  @Test
  void pem_keyDirectoryOrEmpty_throwsAtCall() throws IOException {
    assertThrows(MaterialFileException.class, () -> KeyMaterial.pem(chain(), dir, null));
    Path empty = Openssl.ownerOnly(write("empty.key", ""));
    MaterialFileException e = assertThrows(MaterialFileException.class, () -> KeyMaterial.pem(chain(), empty, null));
    assertTrue(e.getMessage().contains("is empty"), e.getMessage());
  }

  @Test
  void pem_keyNotPem_throws() throws IOException {
    Path key = Openssl.ownerOnly(write("junk.key", "not a key at all"));
    MaterialFormatException e = assertThrows(MaterialFormatException.class,
        () -> KeyMaterial.pem(chain(), key, null).load(Clock.systemUTC()));
    assertTrue(e.getMessage().contains("not PEM") && e.getMessage().contains(key.toString()), e.getMessage());
  }

  @Test
  void pem_truncatedKey_throws() throws IOException {
    String pem = CLIENT.privateKeyPem();
    Path key = Openssl.ownerOnly(write("cut.key", pem.substring(0, pem.length() - 30)));
    MaterialFormatException e = assertThrows(MaterialFormatException.class,
        () -> KeyMaterial.pem(chain(), key, null).load(Clock.systemUTC()));
    assertTrue(e.getMessage().contains("truncated"), e.getMessage());
  }

  @Test
  void pem_twoKeysInOneFile_throws() throws IOException {
    Path key = Openssl.ownerOnly(write("two.key", CLIENT.privateKeyPem() + ROOT.privateKeyPem()));
    MaterialFormatException e = assertThrows(MaterialFormatException.class,
        () -> KeyMaterial.pem(chain(), key, null).load(Clock.systemUTC()));
    assertTrue(e.getMessage().contains("2 private keys"), e.getMessage());
  }

  @Test
  void pem_unsupportedKeyType_throws() throws Exception {
    KeyPairGenerator dsa = KeyPairGenerator.getInstance("DSA");
    dsa.initialize(2048);
    Path key = Openssl.ownerOnly(write("dsa.key",
        TestCertificate.pem("PRIVATE KEY", dsa.generateKeyPair().getPrivate().getEncoded())));
    MaterialFormatException e = assertThrows(MaterialFormatException.class,
        () -> KeyMaterial.pem(chain(), key, null).load(Clock.systemUTC()));
    assertTrue(e.getMessage().contains("unsupported private key type"), e.getMessage());
  }

  @Test
  void pem_encryptedKeyPassphraseCopied_loadsAfterCallerZeroFills() {
    Path plain = key();
    Path encrypted = Openssl.ownerOnly(new Openssl(dir).run("enc.key", "pkcs8", "-topk8", "-v2", "aes-256-cbc",
        "-in", plain.toString(), "-passout", "pass:" + PASSPHRASE, "-out", "enc.key"));
    char[] passphrase = PASSPHRASE.toCharArray();
    KeyMaterial material = KeyMaterial.pem(chain(), encrypted, passphrase);
    Arrays.fill(passphrase, '\0');
    assertEquals(CLIENT.certificate(), material.load(Clock.systemUTC()).chain.get(0));
    assertFalse(material.toString().contains(PASSPHRASE), material.toString());
    assertTrue(material.toString().contains("passphrase=<redacted>"), material.toString());
  }

  @Test
  void pem_expiredClientCertificate_throwsNamingFile() {
    Clock later = Clock.fixed(CLIENT.certificate().getNotAfter().toInstant().plus(Duration.ofDays(1)),
        ZoneOffset.UTC);
    CertificateValidityException e = assertThrows(CertificateValidityException.class,
        () -> KeyMaterial.pem(chain(), key(), null).load(later));
    assertTrue(e.getMessage().contains("expired") && e.getMessage().contains(chain().toString())
        && e.getMessage().contains("CN=pem-client"), e.getMessage());
  }

  @Test
  void pem_notYetValidClientCertificate_throws() {
    TestCertificate future = TestCertificate.builder().commonName("future").issuer(INTERMEDIATE)
        .validity(java.time.Instant.now().plus(Duration.ofDays(2)), java.time.Instant.now().plus(Duration.ofDays(400)))
        .build();
    Path chain = future.writeChainPem(dir.resolve("future.pem"));
    Path key = future.writePrivateKeyPem(dir.resolve("future.key"));
    CertificateValidityException e = assertThrows(CertificateValidityException.class,
        () -> KeyMaterial.pem(chain, key, null).load(Clock.systemUTC()));
    assertTrue(e.getMessage().contains("not valid before") && e.getMessage().contains("CN=future"), e.getMessage());
  }

  @Test
  void pem_expiresInTenDays_warnsNamingSubjectFileAndDate() {
    TestCertificate soon = TestCertificate.builder().commonName("soon").issuer(INTERMEDIATE)
        .validFor(Duration.ofDays(10)).build();
    Path chain = soon.writeChainPem(dir.resolve("soon.pem"));
    Path key = soon.writePrivateKeyPem(dir.resolve("soon.key"));
    List<String> warnings = LogCapture.warnings(() -> KeyMaterial.pem(chain, key, null).load(Clock.systemUTC()));
    assertEquals(1, warnings.size(), warnings.toString());
    String warning = warnings.get(0);
    String date = soon.certificate().getNotAfter().toInstant().toString();
    assertTrue(warning.contains("CN=soon") && warning.contains(chain.toString()) && warning.contains(date), warning);
  }

  private Path chain() {
    return CLIENT.writeChainPem(dir.resolve("client.pem"));
  }

  private Path key() {
    return CLIENT.writePrivateKeyPem(dir.resolve("client.key"));
  }

  private Path write(String name, String text) throws IOException {
    return Files.writeString(dir.resolve(name), text, StandardCharsets.US_ASCII);
  }
}
