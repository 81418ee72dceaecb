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
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** TrustMaterial.pem and TrustMaterial.keyStore with files written from the test PKI. */
class TrustFilesTest {
  private static final TestCertificate CA_A = TestCertificate.newRootCa("Files Root A");
  private static final TestCertificate CA_B = TestCertificate.newRootCa("Files Root B");
  private static final String PASSWORD = "Trust-Store-Pw-9";

  @TempDir
  Path dir;

  @Test
  void pem_bundleWithTextBetweenBlocks_readsAll() throws IOException {
    Path file = write("bundle.pem", "Bag Attributes\n  friendlyName: a\n" + CA_A.certificatePem()
        + "subject=CN = Files Root B\nissuer=CN = Files Root B\n" + CA_B.certificatePem() + "trailing text\n");
    TrustMaterial trust = TrustMaterial.pem(file);
    assertEquals(List.of(CA_A.certificate(), CA_B.certificate()), trust.anchors());
    assertEquals(List.of(file), trust.files());
    assertFalse(trust.includesSystem());
    assertTrue(trust.toString().contains(file.toString()), trust.toString());
  }

  @Test
  void pem_crlfLineEnds_reads() throws IOException {
    Path file = write("crlf.pem", (CA_A.certificatePem() + CA_B.certificatePem()).replace("\n", "\r\n"));
    assertEquals(List.of(CA_A.certificate(), CA_B.certificate()), TrustMaterial.pem(file).anchors());
  }

  @Test
  void pem_bodyOnOneLine_reads() throws IOException {
    Path file = write("oneline.pem", "-----BEGIN CERTIFICATE-----\n" + base64(CA_A.certificate())
        + "\n-----END CERTIFICATE-----\n");
    assertEquals(List.of(CA_A.certificate()), TrustMaterial.pem(file).anchors());
  }

  @Test
  void pem_wholeBundleOnOneLine_reads() throws IOException {
    Path file = write("flat.pem", "-----BEGIN CERTIFICATE-----" + base64(CA_A.certificate())
        + "-----END CERTIFICATE----- -----BEGIN CERTIFICATE----- " + base64(CA_B.certificate())
        + " -----END CERTIFICATE-----");
    assertEquals(List.of(CA_A.certificate(), CA_B.certificate()), TrustMaterial.pem(file).anchors());
  }

  @Test
  void pem_der_reads() throws Exception {
    Path file = dir.resolve("ca.cer");
    Files.write(file, CA_A.certificate().getEncoded());
    assertEquals(List.of(CA_A.certificate()), TrustMaterial.pem(file).anchors());
  }

  @Test
  void pem_fileChanged_anchorsReadAgain() throws IOException {
    Path file = write("ca.pem", CA_A.certificatePem());
    TrustMaterial trust = TrustMaterial.pem(file);
    assertEquals(List.of(CA_A.certificate()), trust.anchors());
    write("ca.pem", CA_B.certificatePem());
    assertEquals(List.of(CA_B.certificate()), trust.anchors());
  }

  @Test
  void pem_andOfTwoFiles_unitesAnchorsAndFiles() throws IOException {
    Path a = write("a.pem", CA_A.certificatePem());
    Path b = write("b.pem", CA_B.certificatePem() + CA_A.certificatePem());
    TrustMaterial trust = TrustMaterial.pem(a).and(TrustMaterial.pem(b)).and(TrustMaterial.pem(a));
    assertEquals(List.of(CA_A.certificate(), CA_B.certificate()), trust.anchors());
    assertEquals(List.of(a, b), trust.files());
  }

  @Test
  void pem_missingFile_throwsAtCall() {
    Path missing = dir.resolve("nope.pem");
    MaterialFileException e = assertThrows(MaterialFileException.class, () -> TrustMaterial.pem(missing));
    assertTrue(e.getMessage().contains(missing.toString()) && e.getMessage().contains("does not exist"),
        e.getMessage());
  }

  @Test
  void pem_directory_throws() {
    MaterialFileException e = assertThrows(MaterialFileException.class, () -> TrustMaterial.pem(dir));
    assertTrue(e.getMessage().contains(dir.toString()) && e.getMessage().contains("is a directory"), e.getMessage());
  }

  @Test
  void pem_emptyFile_throws() throws IOException {
    Path empty = write("empty.pem", "");
    MaterialFileException e = assertThrows(MaterialFileException.class, () -> TrustMaterial.pem(empty));
    assertTrue(e.getMessage().contains(empty.toString()) && e.getMessage().contains("is empty"), e.getMessage());
  }

  @Test
  void pem_fileEmptiedLater_throwsOnAnchors() throws IOException {
    Path file = write("later.pem", CA_A.certificatePem());
    TrustMaterial trust = TrustMaterial.pem(file);
    write("later.pem", "");
    MaterialFileException e = assertThrows(MaterialFileException.class, trust::anchors);
    assertTrue(e.getMessage().contains("is empty"), e.getMessage());
  }

  @Test
  void pem_notPem_throws() throws IOException {
    Path file = write("notes.txt", "this is not a certificate\n");
    MaterialFormatException e = assertThrows(MaterialFormatException.class, () -> TrustMaterial.pem(file).anchors());
    assertTrue(e.getMessage().contains(file.toString()) && e.getMessage().contains("not PEM"), e.getMessage());
  }

  @Test
  void pem_privateKeyWhereCertificateExpected_throws() throws IOException {
    Path file = write("key.pem", CA_A.privateKeyPem());
    MaterialFormatException e = assertThrows(MaterialFormatException.class, () -> TrustMaterial.pem(file).anchors());
    assertTrue(e.getMessage().contains("block 1 (PRIVATE KEY)") && e.getMessage().contains("private key where CA"),
        e.getMessage());
  }

  @Test
  void pem_bundleWithKeyInside_throwsNamingBlock() throws IOException {
    Path file = write("mixed.pem", CA_A.certificatePem() + CA_A.privateKeyPem());
    MaterialFormatException e = assertThrows(MaterialFormatException.class, () -> TrustMaterial.pem(file).anchors());
    assertTrue(e.getMessage().contains("block 2"), e.getMessage());
  }

  @Test
  void pem_truncated_throws() throws IOException {
    String pem = CA_A.certificatePem();
    Path file = write("cut.pem", pem.substring(0, pem.length() / 2));
    MaterialFormatException e = assertThrows(MaterialFormatException.class, () -> TrustMaterial.pem(file).anchors());
    assertTrue(e.getMessage().contains("truncated") && e.getMessage().contains("block 1"), e.getMessage());
  }

  @Test
  void pem_corruptBody_throws() throws IOException {
    String pem = CA_A.certificatePem();
    String body = pem.substring(pem.indexOf('\n') + 1, pem.indexOf("-----END"));
    Path file = write("corrupt.pem", "-----BEGIN CERTIFICATE-----\n" + body.substring(0, 40) + "\n"
        + "-----END CERTIFICATE-----\n");
    MaterialFormatException e = assertThrows(MaterialFormatException.class, () -> TrustMaterial.pem(file).anchors());
    assertTrue(e.getMessage().contains("block 1 (CERTIFICATE)"), e.getMessage());
  }

  @Test
  void pem_derGarbage_throws() throws IOException {
    Path file = dir.resolve("garbage.der");
    Files.write(file, new byte[] {0x30, 0x03, 0x02, 0x01});
    MaterialFormatException e = assertThrows(MaterialFormatException.class, () -> TrustMaterial.pem(file).anchors());
    assertTrue(e.getMessage().contains("binary (DER) but not a certificate"), e.getMessage());
  }

  @Test
  void keyStore_pkcs12AndJks_typeFromContentNotName() {
    Path p12 = TestCertificate.writeTrustStore(dir.resolve("really-p12.jks"), "PKCS12", PASSWORD.toCharArray(),
        CA_A.certificate(), CA_B.certificate());
    Path jks = TestCertificate.writeTrustStore(dir.resolve("really-jks.p12"), "JKS", PASSWORD.toCharArray(),
        CA_A.certificate());
    assertEquals(2, TrustMaterial.keyStore(p12, PASSWORD.toCharArray()).anchors().size());
    assertTrue(TrustMaterial.keyStore(p12, PASSWORD.toCharArray()).anchors().contains(CA_B.certificate()));
    assertEquals(List.of(CA_A.certificate()), TrustMaterial.keyStore(jks, PASSWORD.toCharArray()).anchors());
    assertEquals(List.of(CA_A.certificate()), TrustMaterial.keyStore(jks, null).anchors());
  }

  @Test
  void keyStore_passwordCopiedOnTheWayIn() {
    Path p12 = TestCertificate.writeTrustStore(dir.resolve("t.p12"), "PKCS12", PASSWORD.toCharArray(),
        CA_A.certificate());
    char[] password = PASSWORD.toCharArray();
    TrustMaterial trust = TrustMaterial.keyStore(p12, password);
    Arrays.fill(password, 'x');
    assertEquals(List.of(CA_A.certificate()), trust.anchors());
    assertFalse(trust.toString().contains(PASSWORD), trust.toString());
    assertTrue(trust.toString().contains(p12.toString()), trust.toString());
  }

  @Test
  void keyStore_wrongPassword_throwsWithoutPassword() {
    for (String type : List.of("PKCS12", "JKS")) {
      Path store = TestCertificate.writeTrustStore(dir.resolve("w." + type), type, PASSWORD.toCharArray(),
          CA_A.certificate());
      PassphraseException e = assertThrows(PassphraseException.class,
          () -> TrustMaterial.keyStore(store, "Guess-123".toCharArray()).anchors());
      assertTrue(e.getMessage().contains("wrong password") && e.getMessage().contains(store.toString()),
          e.getMessage());
      assertFalse(e.getMessage().contains("Guess-123") || e.getMessage().contains(PASSWORD), e.getMessage());
    }
  }

  @Test
  void keyStore_pkcs12WithoutPassword_throwsAskingForIt() {
    Path p12 = TestCertificate.writeTrustStore(dir.resolve("np.p12"), "PKCS12", PASSWORD.toCharArray(),
        CA_A.certificate());
    MaterialFormatException e = assertThrows(MaterialFormatException.class,
        () -> TrustMaterial.keyStore(p12, null).anchors());
    assertTrue(e.getMessage().contains("give the store password"), e.getMessage());
  }

  @Test
  void keyStore_truncatedPkcs12_throwsFormat() throws IOException {
    Path p12 = TestCertificate.writeTrustStore(dir.resolve("cut.p12"), "PKCS12", PASSWORD.toCharArray(),
        CA_A.certificate());
    truncate(p12);
    MaterialFormatException e = assertThrows(MaterialFormatException.class,
        () -> TrustMaterial.keyStore(p12, PASSWORD.toCharArray()).anchors());
    assertTrue(e.getMessage().contains("corrupt or truncated") && e.getMessage().contains(p12.toString()),
        e.getMessage());
  }

  @Test
  void keyStore_corruptJks_throwsFormat() throws IOException {
    Path jks = TestCertificate.writeTrustStore(dir.resolve("bad.jks"), "JKS", PASSWORD.toCharArray(),
        CA_A.certificate());
    byte[] bytes = Files.readAllBytes(jks);
    Arrays.fill(bytes, 8, 12, (byte) 0x7f); // the entry count: now far more entries than the file holds
    Files.write(jks, bytes);
    MaterialFormatException e = assertThrows(MaterialFormatException.class,
        () -> TrustMaterial.keyStore(jks, PASSWORD.toCharArray()).anchors());
    assertTrue(e.getMessage().contains("JKS") && e.getMessage().contains("corrupt"), e.getMessage());
  }

  @Test
  void keyStore_identityStoreAsTrust_throwsFormat() {
    TestCertificate leaf = TestCertificate.builder().commonName("leaf").issuer(CA_A).build();
    for (String type : List.of("PKCS12", "JKS")) {
      Path store = leaf.writeKeyStore(dir.resolve("id." + type), type, "leaf", PASSWORD.toCharArray(),
          PASSWORD.toCharArray());
      MaterialFormatException e = assertThrows(MaterialFormatException.class,
          () -> TrustMaterial.keyStore(store, PASSWORD.toCharArray()).anchors());
      assertTrue(e.getMessage().contains("key entries only") || e.getMessage().contains("only key entries"),
          type + ": " + e.getMessage());
    }
  }

  @Test
  void keyStore_pemFile_throwsPointingToPem() throws IOException {
    Path file = write("ca.pem", CA_A.certificatePem());
    MaterialFormatException e = assertThrows(MaterialFormatException.class,
        () -> TrustMaterial.keyStore(file, null).anchors());
    assertTrue(e.getMessage().contains("PEM text") && e.getMessage().contains("pem(...)"), e.getMessage());
  }

  @Test
  void keyStore_missingFile_throwsAtCall() {
    Path missing = dir.resolve("missing.p12");
    MaterialFileException e = assertThrows(MaterialFileException.class,
        () -> TrustMaterial.keyStore(missing, PASSWORD.toCharArray()));
    assertTrue(e.getMessage().contains(missing.toString()), e.getMessage());
  }

  private Path write(String name, String text) throws IOException {
    return Files.writeString(dir.resolve(name), text, StandardCharsets.US_ASCII);
  }

  private static void truncate(Path file) throws IOException {
    byte[] bytes = Files.readAllBytes(file);
    Files.write(file, Arrays.copyOf(bytes, bytes.length / 2));
  }

  private static String base64(X509Certificate c) {
    try {
      return Base64.getEncoder().encodeToString(c.getEncoded());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
