package dev.secureinflux.tls;

import static dev.secureinflux.tls.Openssl.ownerOnly;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every PEM and key store format as written by the real openssl command line (OpenSSL 3), generated now. */
class OpensslFixturesTest {
  private static final String PASS = "Opn-ssl-Pass-7x";

  @TempDir
  static Path dir;

  private static Openssl openssl;
  private static X509Certificate root;
  private static X509Certificate intermediate;

  @BeforeAll
  static void pki() throws IOException {
    openssl = new Openssl(dir);
    Files.writeString(dir.resolve("ca.ext"), "basicConstraints=critical,CA:TRUE\n"
        + "keyUsage=critical,keyCertSign,cRLSign\n");
    Files.writeString(dir.resolve("leaf.ext"), "basicConstraints=CA:FALSE\n"
        + "keyUsage=critical,digitalSignature,keyEncipherment\nextendedKeyUsage=clientAuth\n");
    ownerOnly(openssl.run("ca.key", "genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256",
        "-out", "ca.key"));
    openssl.run("ca.pem", "req", "-x509", "-new", "-key", "ca.key", "-subj", "/CN=OpenSSL Root", "-days", "3650",
        "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign",
        "-out", "ca.pem");
    ownerOnly(openssl.run("int.key", "genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256",
        "-out", "int.key"));
    openssl.run("int.csr", "req", "-new", "-key", "int.key", "-subj", "/CN=OpenSSL Intermediate", "-out", "int.csr");
    openssl.run("int.pem", "x509", "-req", "-in", "int.csr", "-CA", "ca.pem", "-CAkey", "ca.key",
        "-CAcreateserial", "-days", "3650", "-extfile", "ca.ext", "-out", "int.pem");
    root = jdkCertificate(dir.resolve("ca.pem"));
    intermediate = jdkCertificate(dir.resolve("int.pem"));
  }

  // ---- identity: private key formats ----

  @Test
  void pem_pkcs8Rsa_loads() {
    Path key = ownerOnly(openssl.run("rsa.key", "genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048",
        "-out", "rsa.key"));
    assertIdentity("rsa", key, null, "RSA");
  }

  @Test
  void pem_pkcs8P384_loads() {
    Path key = ownerOnly(openssl.run("p384.key", "genpkey", "-algorithm", "EC", "-pkeyopt",
        "ec_paramgen_curve:P-384", "-out", "p384.key"));
    assertIdentity("p384", key, null, "EC");
  }

  @Test
  void pem_pkcs8Ed25519_loads() {
    Path key = ownerOnly(openssl.run("ed.key", "genpkey", "-algorithm", "ed25519", "-out", "ed.key"));
    assertIdentity("ed", key, null, "EdDSA");
  }

  @Test
  void pem_encryptedPkcs8Pbes2Aes_loads() {
    Path plain = ownerOnly(openssl.run("pbes2-plain.key", "genpkey", "-algorithm", "EC", "-pkeyopt",
        "ec_paramgen_curve:P-256", "-out", "pbes2-plain.key"));
    Path key = ownerOnly(openssl.run("pbes2.key", "pkcs8", "-topk8", "-v2", "aes-256-cbc", "-in", plain.toString(),
        "-passout", "pass:" + PASS, "-out", "pbes2.key"));
    assertTrue(read(key).contains("BEGIN ENCRYPTED PRIVATE KEY"));
    assertIdentity("pbes2", key, PASS.toCharArray(), "EC");
  }

  @Test
  void pem_encryptedPkcs8PbeSha13Des_loads() {
    Path plain = ownerOnly(openssl.run("3des-plain.key", "genpkey", "-algorithm", "RSA", "-pkeyopt",
        "rsa_keygen_bits:2048", "-out", "3des-plain.key"));
    Path key = ownerOnly(openssl.run("3des.key", "pkcs8", "-topk8", "-v1", "PBE-SHA1-3DES", "-in",
        plain.toString(), "-passout", "pass:" + PASS, "-out", "3des.key"));
    assertIdentity("3des", key, PASS.toCharArray(), "RSA");
  }

  @Test
  void pem_encryptedPkcs8Ed25519_loads() {
    Path plain = ownerOnly(openssl.run("ed-enc-plain.key", "genpkey", "-algorithm", "ed25519",
        "-out", "ed-enc-plain.key"));
    Path key = ownerOnly(openssl.run("ed-enc.key", "pkcs8", "-topk8", "-v2", "aes-128-cbc", "-in",
        plain.toString(), "-passout", "pass:" + PASS, "-out", "ed-enc.key"));
    assertIdentity("ed-enc", key, PASS.toCharArray(), "EdDSA");
  }

  @Test
  void pem_pkcs1Rsa_loads() {
    Path plain = ownerOnly(openssl.run("pkcs1-plain.key", "genpkey", "-algorithm", "RSA", "-pkeyopt",
        "rsa_keygen_bits:2048", "-out", "pkcs1-plain.key"));
    Path key = ownerOnly(openssl.run("pkcs1.key", "rsa", "-in", plain.toString(), "-traditional",
        "-out", "pkcs1.key"));
    assertTrue(read(key).contains("BEGIN RSA PRIVATE KEY"));
    assertIdentity("pkcs1", key, null, "RSA");
  }

  @Test
  void pem_legacyEncryptedRsa_loads() {
    Path plain = ownerOnly(openssl.run("legacy-plain.key", "genpkey", "-algorithm", "RSA", "-pkeyopt",
        "rsa_keygen_bits:2048", "-out", "legacy-plain.key"));
    Path key = ownerOnly(openssl.run("legacy.key", "rsa", "-in", plain.toString(), "-traditional", "-aes256",
        "-passout", "pass:" + PASS, "-out", "legacy.key"));
    assertTrue(read(key).contains("Proc-Type: 4,ENCRYPTED"));
    assertIdentity("legacy", key, PASS.toCharArray(), "RSA");
  }

  @Test
  void pem_legacyEncryptedRsaDes3_loads() {
    Path plain = ownerOnly(openssl.run("des3-plain.key", "genpkey", "-algorithm", "RSA", "-pkeyopt",
        "rsa_keygen_bits:2048", "-out", "des3-plain.key"));
    Path key = ownerOnly(openssl.run("des3.key", "rsa", "-in", plain.toString(), "-traditional", "-des3",
        "-passout", "pass:" + PASS, "-out", "des3.key"));
    assertTrue(read(key).contains("DEK-Info: DES-EDE3-CBC"));
    assertIdentity("des3", key, PASS.toCharArray(), "RSA");
  }

  @Test
  void pem_chainAsPkcs7_loads() {
    Path key = ownerOnly(openssl.run("p7.key", "genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256",
        "-out", "p7.key"));
    Path chain = issue("p7", key, null);
    Path p7 = openssl.run("p7-chain.p7b", "crl2pkcs7", "-nocrl", "-certfile", chain.toString(), "-out",
        "p7-chain.p7b");
    KeyMaterial.Identity identity = KeyMaterial.pem(p7, key, null).load(Clock.systemUTC());
    assertEquals("CN=p7", identity.chain.get(0).getSubjectX500Principal().getName());
    assertEquals(intermediate, identity.chain.get(1));
  }

  @Test
  void pem_sec1WithEcParametersBlock_loads() {
    Path key = ownerOnly(openssl.run("sec1p.key", "ecparam", "-genkey", "-name", "prime256v1", "-out", "sec1p.key"));
    assertTrue(read(key).contains("BEGIN EC PARAMETERS") && read(key).contains("BEGIN EC PRIVATE KEY"));
    assertIdentity("sec1p", key, null, "EC");
  }

  @Test
  void pem_sec1Traditional_loads() {
    Path plain = ownerOnly(openssl.run("sec1-plain.key", "genpkey", "-algorithm", "EC", "-pkeyopt",
        "ec_paramgen_curve:P-384", "-out", "sec1-plain.key"));
    Path key = ownerOnly(openssl.run("sec1.key", "pkey", "-in", plain.toString(), "-traditional", "-out",
        "sec1.key"));
    assertTrue(read(key).contains("BEGIN EC PRIVATE KEY") && !read(key).contains("EC PARAMETERS"));
    assertIdentity("sec1", key, null, "EC");
  }

  @Test
  void pem_legacyEncryptedEc_loads() {
    Path plain = ownerOnly(openssl.run("ecleg-plain.key", "genpkey", "-algorithm", "EC", "-pkeyopt",
        "ec_paramgen_curve:P-256", "-out", "ecleg-plain.key"));
    Path key = ownerOnly(openssl.run("ecleg.key", "ec", "-in", plain.toString(), "-aes128", "-passout",
        "pass:" + PASS, "-out", "ecleg.key"));
    assertTrue(read(key).contains("DEK-Info: AES-128-CBC"));
    assertIdentity("ecleg", key, PASS.toCharArray(), "EC");
  }

  @Test
  void pem_chainAndKeyInOneFile_loads() {
    Path key = ownerOnly(openssl.run("one.key", "genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256",
        "-out", "one.key"));
    Path chain = issue("one", key, null);
    Path both = ownerOnly(Openssl.concat(dir.resolve("one-both.pem"), chain, key));
    KeyMaterial.Identity identity = KeyMaterial.pem(both, both, null).load(Clock.systemUTC());
    assertEquals("CN=one", identity.chain.get(0).getSubjectX500Principal().getName());
    assertEquals(List.of(intermediate), identity.chain.subList(1, 2));
    assertEquals(List.of(both), KeyMaterial.pem(both, both, null).files());
  }

  @Test
  void pem_wrongPassphraseOnOpensslKeys_throwsWithoutPassphrase() {
    Path plain = ownerOnly(openssl.run("wp-plain.key", "genpkey", "-algorithm", "EC", "-pkeyopt",
        "ec_paramgen_curve:P-256", "-out", "wp-plain.key"));
    Path pkcs8 = ownerOnly(openssl.run("wp8.key", "pkcs8", "-topk8", "-v2", "aes-256-cbc", "-in", plain.toString(),
        "-passout", "pass:" + PASS, "-out", "wp8.key"));
    Path legacy = ownerOnly(openssl.run("wpl.key", "ec", "-in", plain.toString(), "-aes256", "-passout",
        "pass:" + PASS, "-out", "wpl.key"));
    Path chain = issue("wp", plain, null);
    for (Path key : List.of(pkcs8, legacy)) {
      String wrong = "Wrong-Guess-42";
      KeyMaterial material = KeyMaterial.pem(chain, key, wrong.toCharArray());
      PassphraseException e = assertThrows(PassphraseException.class, () -> material.load(Clock.systemUTC()));
      assertTrue(e.getMessage().contains("wrong passphrase") && e.getMessage().contains(key.toString()),
          e.getMessage());
      assertFalse(e.getMessage().contains(wrong) || e.getMessage().contains(PASS), e.getMessage());
      PassphraseException none = assertThrows(PassphraseException.class,
          () -> KeyMaterial.pem(chain, key, null).load(Clock.systemUTC()));
      assertTrue(none.getMessage().contains("no passphrase was given"), none.getMessage());
    }
  }

  // ---- identity: key stores ----

  @Test
  void keyStore_opensslPkcs12_loads() {
    Path key = ownerOnly(openssl.run("p12.key", "genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048",
        "-out", "p12.key"));
    Path cert = issue("p12", key, null);
    Path store = ownerOnly(openssl.run("client.p12", "pkcs12", "-export", "-in", cert.toString(), "-inkey",
        key.toString(), "-name", "client", "-passout", "pass:" + PASS, "-out", "client.p12"));
    KeyMaterial.Identity identity = KeyMaterial.keyStore(store, PASS.toCharArray()).load(Clock.systemUTC());
    assertEquals("CN=p12", identity.chain.get(0).getSubjectX500Principal().getName());
    assertEquals(intermediate, identity.chain.get(1));
    assertEquals("RSA", identity.key.getAlgorithm());
  }

  @Test
  void keyStore_opensslPkcs12With3DesAndSha1Mac_loads() {
    Path key = ownerOnly(openssl.run("p12old.key", "genpkey", "-algorithm", "EC", "-pkeyopt",
        "ec_paramgen_curve:P-256", "-out", "p12old.key"));
    Path cert = issue("p12old", key, null);
    Path store = ownerOnly(openssl.run("old.p12", "pkcs12", "-export", "-in", cert.toString(), "-inkey",
        key.toString(), "-keypbe", "PBE-SHA1-3DES", "-certpbe", "PBE-SHA1-3DES", "-macalg", "sha1",
        "-passout", "pass:" + PASS, "-out", "old.p12"));
    KeyMaterial.Identity identity = KeyMaterial.keyStore(store, PASS.toCharArray()).load(Clock.systemUTC());
    assertEquals("CN=p12old", identity.chain.get(0).getSubjectX500Principal().getName());
  }

  // ---- trust ----

  @Test
  void trustPem_opensslTextOutput_readsCertificate() {
    Path text = openssl.run("ca-text.pem", "x509", "-in", "ca.pem", "-text", "-out", "ca-text.pem");
    assertTrue(read(text).contains("Certificate:") && read(text).contains("Signature Algorithm"));
    assertEquals(List.of(root), TrustMaterial.pem(text).anchors());
  }

  @Test
  void trustPem_bundleOfTextOutputs_readsAll() {
    openssl.run("int-text.pem", "x509", "-in", "int.pem", "-text", "-out", "int-text.pem");
    openssl.run("ca-text2.pem", "x509", "-in", "ca.pem", "-text", "-out", "ca-text2.pem");
    Path bundle = Openssl.concat(dir.resolve("bundle-text.pem"), dir.resolve("int-text.pem"),
        dir.resolve("ca-text2.pem"));
    assertEquals(List.of(intermediate, root), TrustMaterial.pem(bundle).anchors());
  }

  @Test
  void trustPem_der_readsCertificate() {
    Path der = openssl.run("ca.der", "x509", "-in", "ca.pem", "-outform", "DER", "-out", "ca.der");
    assertEquals(List.of(root), TrustMaterial.pem(der).anchors());
  }

  @Test
  void trustPem_pkcs7PemAndDer_readCertificates() {
    Openssl.concat(dir.resolve("two.pem"), dir.resolve("ca.pem"), dir.resolve("int.pem"));
    Path p7pem = openssl.run("two.p7b", "crl2pkcs7", "-nocrl", "-certfile", "two.pem", "-out", "two.p7b");
    Path p7der = openssl.run("two-der.p7b", "crl2pkcs7", "-nocrl", "-certfile", "two.pem", "-outform", "DER",
        "-out", "two-der.p7b");
    assertTrue(read(p7pem).contains("BEGIN PKCS7"));
    assertEquals(List.of(root, intermediate).size(), TrustMaterial.pem(p7pem).anchors().size());
    assertTrue(TrustMaterial.pem(p7pem).anchors().containsAll(List.of(root, intermediate)));
    assertTrue(TrustMaterial.pem(p7der).anchors().containsAll(List.of(root, intermediate)));
  }

  @Test
  void trustPem_trustedCertificateBlock_readsCertificate() {
    Path trusted = openssl.run("ca-trusted.pem", "x509", "-in", "ca.pem", "-trustout", "-addtrust", "serverAuth",
        "-out", "ca-trusted.pem");
    assertTrue(read(trusted).contains("BEGIN TRUSTED CERTIFICATE"));
    assertEquals(List.of(root), TrustMaterial.pem(trusted).anchors());
  }

  @Test
  void trustPem_trustedCertificateRejectingServerAuth_refusedNamingBlockAndFix() {
    openssl.run("ca-reject.pem", "x509", "-in", "ca.pem", "-trustout", "-addreject", "serverAuth",
        "-out", "ca-reject.pem");
    Path bundle = Openssl.concat(dir.resolve("bundle-reject.pem"), dir.resolve("int.pem"),
        dir.resolve("ca-reject.pem"));
    MaterialFormatException e = assertThrows(MaterialFormatException.class, () -> TrustMaterial.pem(bundle).anchors());
    assertTrue(e.getMessage().contains(bundle.toString()) && e.getMessage().contains("block 2 (TRUSTED CERTIFICATE)")
        && e.getMessage().contains("OpenSSL Root") && e.getMessage().contains("reject serverAuth")
        && e.getMessage().contains("-addtrust serverAuth") && e.getMessage().contains("plain CERTIFICATE"),
        e.getMessage());
  }

  @Test
  void trustPem_trustedCertificateOnlyForClientAuth_refusedNamingBlockAndFix() {
    Path clientOnly = openssl.run("ca-client.pem", "x509", "-in", "ca.pem", "-trustout", "-addtrust", "clientAuth",
        "-out", "ca-client.pem");
    MaterialFormatException e = assertThrows(MaterialFormatException.class,
        () -> TrustMaterial.pem(clientOnly).anchors());
    assertTrue(e.getMessage().contains(clientOnly.toString())
        && e.getMessage().contains("block 1 (TRUSTED CERTIFICATE)")
        && e.getMessage().contains("only for [clientAuth]") && e.getMessage().contains("not for serverAuth")
        && e.getMessage().contains("openssl x509 -in ca.pem -trustout -clrreject -clrtrust -addtrust serverAuth")
        && e.getMessage().contains("plain CERTIFICATE"), e.getMessage());
  }

  @Test
  void trustPem_trustedCertificateWithoutTrustSettingsOrForAnyUse_readsCertificate() {
    Path bare = openssl.run("ca-bare.pem", "x509", "-in", "ca.pem", "-trustout", "-out", "ca-bare.pem");
    Path alias = openssl.run("ca-alias.pem", "x509", "-in", "ca.pem", "-trustout", "-setalias", "root",
        "-out", "ca-alias.pem");
    Path any = openssl.run("ca-any.pem", "x509", "-in", "ca.pem", "-trustout", "-addtrust", "anyExtendedKeyUsage",
        "-out", "ca-any.pem");
    for (Path p : List.of(bare, alias, any)) {
      assertTrue(read(p).contains("BEGIN TRUSTED CERTIFICATE"), p.toString());
      assertEquals(List.of(root), TrustMaterial.pem(p).anchors(), p.toString());
    }
  }

  @Test
  void trustPem_trustedCertificateInChainFile_trustSettingsIgnored() {
    // Trust settings speak about anchors; a client's own chain file is not read for trust.
    Path key = ownerOnly(openssl.run("tc.key", "genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256",
        "-out", "tc.key"));
    Path chain = issue("tc", key, null);
    Path trusted = openssl.run("tc-trusted.crt", "x509", "-in", "tc.crt", "-trustout", "-addreject", "serverAuth",
        "-out", "tc-trusted.crt");
    Path file = Openssl.concat(dir.resolve("tc-trusted-chain.pem"), trusted, dir.resolve("int.pem"));
    assertTrue(chain.toFile().isFile());
    assertEquals("CN=tc", KeyMaterial.pem(file, key, null).load(Clock.systemUTC()).chain.get(0)
        .getSubjectX500Principal().getName());
  }

  @Test
  void trustKeyStore_opensslPkcs12NoMac_refusedNoIntegrityProtection() {
    Path store = openssl.run("trust-nomac.p12", "pkcs12", "-export", "-nokeys", "-nomac", "-in", "ca.pem",
        "-passout", "pass:" + PASS, "-out", "trust-nomac.p12");
    for (String password : List.of(PASS, "any-other-Guess-9")) {
      MaterialFormatException e = assertThrows(MaterialFormatException.class,
          () -> TrustMaterial.keyStore(store, password.toCharArray()).anchors());
      assertTrue(e.getMessage().contains(store.toString()) && e.getMessage().contains("no integrity protection")
          && e.getMessage().contains("without -nomac"), e.getMessage());
      assertFalse(e.getMessage().contains(password), e.getMessage());
    }
  }

  @Test
  void trustKeyStore_opensslPkcs12NoKeys_readsCertificate() {
    Path store = openssl.run("trust.p12", "pkcs12", "-export", "-nokeys", "-in", "ca.pem",
        "-passout", "pass:" + PASS, "-out", "trust.p12");
    assertEquals(List.of(root), TrustMaterial.keyStore(store, PASS.toCharArray()).anchors());
    PassphraseException e = assertThrows(PassphraseException.class,
        () -> TrustMaterial.keyStore(store, "not-it".toCharArray()).anchors());
    assertTrue(e.getMessage().contains("wrong password") && !e.getMessage().contains("not-it"), e.getMessage());
  }

  // ---- helpers ----

  private static void assertIdentity(String name, Path key, char[] passphrase, String algorithm) {
    Path chain = issue(name, key, passphrase);
    KeyMaterial.Identity identity = KeyMaterial.pem(chain, key, passphrase).load(Clock.systemUTC());
    assertEquals("CN=" + name, identity.chain.get(0).getSubjectX500Principal().getName());
    assertEquals(intermediate, identity.chain.get(1));
    assertEquals(algorithm, identity.key.getAlgorithm());
    assertFalse(identity.key.getClass().getName().startsWith("org.bouncycastle"), identity.key.getClass().getName());
    assertFalse(identity.chain.get(0).getClass().getName().startsWith("org.bouncycastle"));
  }

  /** Issues a client certificate for {@code key} from the intermediate; returns leaf + intermediate PEM. */
  private static Path issue(String name, Path key, char[] passphrase) {
    if (passphrase == null) {
      openssl.run(name + ".csr", "req", "-new", "-key", key.toString(), "-subj", "/CN=" + name, "-out", name + ".csr");
    } else {
      openssl.run(name + ".csr", "req", "-new", "-key", key.toString(), "-passin", "pass:" + new String(passphrase),
          "-subj", "/CN=" + name, "-out", name + ".csr");
    }
    openssl.run(name + ".crt", "x509", "-req", "-in", name + ".csr", "-CA", "int.pem", "-CAkey", "int.key",
        "-CAcreateserial", "-days", "365", "-extfile", "leaf.ext", "-out", name + ".crt");
    return Openssl.concat(dir.resolve(name + "-chain.pem"), dir.resolve(name + ".crt"), dir.resolve("int.pem"));
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static X509Certificate jdkCertificate(Path pem) throws IOException {
    try (InputStream in = Files.newInputStream(pem)) {
      return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
    } catch (java.security.cert.CertificateException e) {
      throw new IllegalStateException(e);
    }
  }
}
