package dev.secureinflux.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.secureinflux.testkit.TestCertificate;
import dev.secureinflux.testkit.TestCertificate.KeyType;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** KeyMaterial.keyStore with PKCS#12 and JKS stores written from the test PKI. */
class KeyStoreTest {
  private static final TestCertificate ROOT = TestCertificate.newRootCa("Store Root");
  private static final TestCertificate ALICE =
      TestCertificate.builder().commonName("alice").issuer(ROOT).keyType(KeyType.RSA_2048).clientAuth().build();
  private static final TestCertificate BOB =
      TestCertificate.builder().commonName("bob").issuer(ROOT).clientAuth().build();
  private static final String STORE_PW = "Store-Pw-51";
  private static final String KEY_PW = "Entry-Pw-77";

  @TempDir
  Path dir;

  @Test
  void keyStore_pkcs12AndJksSamePassword_load() {
    for (String type : List.of("PKCS12", "JKS")) {
      Path store = ALICE.writeKeyStore(dir.resolve("alice." + type), type, "alice", STORE_PW.toCharArray(),
          STORE_PW.toCharArray());
      KeyMaterial material = KeyMaterial.keyStore(store, STORE_PW.toCharArray());
      KeyMaterial.Identity identity = material.load(Clock.systemUTC());
      assertEquals(ALICE.chain(), identity.chain, type);
      assertEquals("RSA", identity.key.getAlgorithm());
      assertEquals(List.of(store), material.files());
      assertFalse(material.toString().contains(STORE_PW), material.toString());
    }
  }

  @Test
  void keyStore_separateKeyPassword_loads() {
    for (String type : List.of("PKCS12", "JKS")) {
      Path store = ALICE.writeKeyStore(dir.resolve("sep." + type), type, "alice", STORE_PW.toCharArray(),
          KEY_PW.toCharArray());
      KeyMaterial.Identity identity = KeyMaterial.keyStore(store, STORE_PW.toCharArray(), KEY_PW.toCharArray(), null)
          .load(Clock.systemUTC());
      assertEquals(ALICE.certificate(), identity.chain.get(0), type);
    }
  }

  @Test
  void keyStore_typeToldFromContent() {
    Path jksNamedP12 = BOB.writeKeyStore(dir.resolve("bob.p12"), "JKS", "bob", STORE_PW.toCharArray(),
        STORE_PW.toCharArray());
    Path p12NamedJks = BOB.writeKeyStore(dir.resolve("bob.jks"), "PKCS12", "bob", STORE_PW.toCharArray(),
        STORE_PW.toCharArray());
    assertEquals(BOB.certificate(), KeyMaterial.keyStore(jksNamedP12, STORE_PW.toCharArray())
        .load(Clock.systemUTC()).chain.get(0));
    assertEquals(BOB.certificate(), KeyMaterial.keyStore(p12NamedJks, STORE_PW.toCharArray())
        .load(Clock.systemUTC()).chain.get(0));
  }

  @Test
  void keyStore_severalKeysNoAlias_throwsListingAliases() throws Exception {
    Path store = twoKeys("PKCS12");
    KeyStoreAliasException e = assertThrows(KeyStoreAliasException.class,
        () -> KeyMaterial.keyStore(store, STORE_PW.toCharArray()).load(Clock.systemUTC()));
    assertTrue(e.getMessage().contains("alice") && e.getMessage().contains("bob")
        && e.getMessage().contains("choose one"), e.getMessage());
  }

  @Test
  void keyStore_severalKeysWithAlias_loadsChosen() throws Exception {
    for (String type : List.of("PKCS12", "JKS")) {
      Path store = twoKeys(type);
      KeyMaterial.Identity identity = KeyMaterial.keyStore(store, STORE_PW.toCharArray(), null, "bob")
          .load(Clock.systemUTC());
      assertEquals(BOB.certificate(), identity.chain.get(0), type);
    }
  }

  @Test
  void keyStore_unknownAlias_throwsListingAliases() throws Exception {
    Path store = twoKeys("JKS");
    KeyStoreAliasException e = assertThrows(KeyStoreAliasException.class,
        () -> KeyMaterial.keyStore(store, STORE_PW.toCharArray(), null, "carol").load(Clock.systemUTC()));
    assertTrue(e.getMessage().contains("'carol'") && e.getMessage().contains("alice"), e.getMessage());
  }

  @Test
  void keyStore_aliasOfCertificateEntry_throws() throws Exception {
    Path store = twoKeys("PKCS12");
    KeyStoreAliasException e = assertThrows(KeyStoreAliasException.class,
        () -> KeyMaterial.keyStore(store, STORE_PW.toCharArray(), null, "root").load(Clock.systemUTC()));
    assertTrue(e.getMessage().contains("is a certificate, not a private key"), e.getMessage());
  }

  @Test
  void keyStore_wrongStorePassword_throwsWithoutPassword() {
    for (String type : List.of("PKCS12", "JKS")) {
      Path store = ALICE.writeKeyStore(dir.resolve("wsp." + type), type, "alice", STORE_PW.toCharArray(),
          STORE_PW.toCharArray());
      PassphraseException e = assertThrows(PassphraseException.class,
          () -> KeyMaterial.keyStore(store, "Bad-Guess-1".toCharArray()).load(Clock.systemUTC()));
      assertTrue(e.getMessage().contains("wrong password") && e.getMessage().contains(store.toString()),
          e.getMessage());
      assertFalse(e.getMessage().contains("Bad-Guess-1") || e.getMessage().contains(STORE_PW), e.getMessage());
    }
  }

  @Test
  void keyStore_wrongKeyPassword_throwsNamingAlias() {
    for (String type : List.of("PKCS12", "JKS")) {
      Path store = ALICE.writeKeyStore(dir.resolve("wkp." + type), type, "alice", STORE_PW.toCharArray(),
          KEY_PW.toCharArray());
      PassphraseException e = assertThrows(PassphraseException.class,
          () -> KeyMaterial.keyStore(store, STORE_PW.toCharArray()).load(Clock.systemUTC()));
      assertTrue(e.getMessage().contains("wrong key password") && e.getMessage().contains("'alice'"),
          e.getMessage());
      assertFalse(e.getMessage().contains(KEY_PW) || e.getMessage().contains(STORE_PW), e.getMessage());
    }
  }

  @Test
  void keyStore_truncatedPkcs12_throwsFormat() throws IOException {
    Path store = ALICE.writeKeyStore(dir.resolve("cut.p12"), "PKCS12", "alice", STORE_PW.toCharArray(),
        STORE_PW.toCharArray());
    byte[] bytes = Files.readAllBytes(store);
    Files.write(store, Arrays.copyOf(bytes, bytes.length - 100));
    MaterialFormatException e = assertThrows(MaterialFormatException.class,
        () -> KeyMaterial.keyStore(store, STORE_PW.toCharArray()).load(Clock.systemUTC()));
    assertTrue(e.getMessage().contains("PKCS12") && e.getMessage().contains("corrupt or truncated"), e.getMessage());
  }

  @Test
  void keyStore_corruptJks_throwsFormat() throws IOException {
    Path store = ALICE.writeKeyStore(dir.resolve("bad.jks"), "JKS", "alice", STORE_PW.toCharArray(),
        STORE_PW.toCharArray());
    byte[] bytes = Files.readAllBytes(store);
    Files.write(store, Arrays.copyOf(bytes, 40));
    MaterialFormatException e = assertThrows(MaterialFormatException.class,
        () -> KeyMaterial.keyStore(store, STORE_PW.toCharArray()).load(Clock.systemUTC()));
    assertTrue(e.getMessage().contains("JKS") && e.getMessage().contains("corrupt"), e.getMessage());
  }

  @Test
  void keyStore_notAKeyStore_throwsFormat() throws IOException {
    Path store = Openssl.ownerOnly(Files.writeString(dir.resolve("text.p12"), "hello"));
    MaterialFormatException e = assertThrows(MaterialFormatException.class,
        () -> KeyMaterial.keyStore(store, STORE_PW.toCharArray()).load(Clock.systemUTC()));
    assertTrue(e.getMessage().contains("neither PKCS#12 nor JKS"), e.getMessage());
  }

  @Test
  void keyStore_trustStoreWithoutKey_throwsFormat() {
    // Owner-only: KeyMaterial.keyStore checks permissions before it opens the store.
    Path store = Openssl.ownerOnly(TestCertificate.writeTrustStore(dir.resolve("trust.jks"), "JKS",
        STORE_PW.toCharArray(), ROOT.certificate()));
    MaterialFormatException e = assertThrows(MaterialFormatException.class,
        () -> KeyMaterial.keyStore(store, STORE_PW.toCharArray()).load(Clock.systemUTC()));
    assertTrue(e.getMessage().contains("no private key entry") && e.getMessage().contains("TrustMaterial.keyStore"),
        e.getMessage());
  }

  @Test
  void keyStore_passwordsCopied_loadAfterCallerZeroFills() {
    Path store = ALICE.writeKeyStore(dir.resolve("copy.p12"), "PKCS12", "alice", STORE_PW.toCharArray(),
        KEY_PW.toCharArray());
    char[] storePw = STORE_PW.toCharArray();
    char[] keyPw = KEY_PW.toCharArray();
    KeyMaterial material = KeyMaterial.keyStore(store, storePw, keyPw, "alice");
    Arrays.fill(storePw, '\0');
    Arrays.fill(keyPw, '\0');
    assertEquals(ALICE.certificate(), material.load(Clock.systemUTC()).chain.get(0));
  }

  @Test
  void keyStore_groupOrOthersAccess_throwsInsecureNamingFileAndChmod() throws IOException {
    for (String type : List.of("PKCS12", "JKS")) {
      for (String mode : List.of("rw-r--r--", "rw-r-----", "rw--w----", "rw----r--", "rw-----w-")) {
        Path store = Openssl.mode(ALICE.writeKeyStore(dir.resolve("open-" + mode + "." + type), type, "alice",
            STORE_PW.toCharArray(), STORE_PW.toCharArray()), mode);
        KeyMaterial material = KeyMaterial.keyStore(store, STORE_PW.toCharArray());
        InsecureKeyFileException e = assertThrows(InsecureKeyFileException.class,
            () -> material.load(Clock.systemUTC()), type + " " + mode);
        assertEquals("key store " + store + " is accessible by group or others (" + mode
            + "); restrict it to its owner: chmod 600 " + store.toRealPath(), e.getMessage());
      }
    }
  }

  @Test
  void keyStore_mode644WrongPassword_refusedForPermissionsBeforeReading() {
    Path store = Openssl.mode(ALICE.writeKeyStore(dir.resolve("open.p12"), "PKCS12", "alice",
        STORE_PW.toCharArray(), STORE_PW.toCharArray()), "rw-r--r--");
    InsecureKeyFileException e = assertThrows(InsecureKeyFileException.class,
        () -> KeyMaterial.keyStore(store, "Bad-Guess-1".toCharArray()).load(Clock.systemUTC()));
    assertTrue(e.getMessage().contains("chmod 600"), e.getMessage());
    assertFalse(e.getMessage().contains("Bad-Guess-1") || e.getMessage().contains(STORE_PW), e.getMessage());
  }

  @Test
  void keyStore_mode600And400_accepted() {
    for (String type : List.of("PKCS12", "JKS")) {
      for (String mode : List.of("rw-------", "r--------")) {
        Path store = Openssl.mode(ALICE.writeKeyStore(dir.resolve("closed-" + mode + "." + type), type, "alice",
            STORE_PW.toCharArray(), STORE_PW.toCharArray()), mode);
        assertEquals(ALICE.certificate(), KeyMaterial.keyStore(store, STORE_PW.toCharArray())
            .load(Clock.systemUTC()).chain.get(0), type + " " + mode);
      }
    }
  }

  @Test
  void trustStore_mode644_notChecked() {
    Path store = Openssl.mode(TestCertificate.writeTrustStore(dir.resolve("trust.p12"), "PKCS12",
        STORE_PW.toCharArray(), ROOT.certificate()), "rw-r--r--");
    assertEquals(List.of(ROOT.certificate()), TrustMaterial.keyStore(store, STORE_PW.toCharArray()).anchors());
  }

  @Test
  void keyStore_missingFile_throwsAtCall() {
    Path missing = dir.resolve("none.p12");
    MaterialFileException e = assertThrows(MaterialFileException.class,
        () -> KeyMaterial.keyStore(missing, STORE_PW.toCharArray()));
    assertTrue(e.getMessage().contains(missing.toString()), e.getMessage());
  }

  private Path twoKeys(String type) throws Exception {
    KeyStore store = KeyStore.getInstance(type);
    store.load(null, null);
    store.setKeyEntry("alice", ALICE.keyPair().getPrivate(), STORE_PW.toCharArray(),
        ALICE.chain().toArray(new Certificate[0]));
    store.setKeyEntry("bob", BOB.keyPair().getPrivate(), STORE_PW.toCharArray(),
        BOB.chain().toArray(new Certificate[0]));
    store.setCertificateEntry("root", ROOT.certificate());
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    store.store(out, STORE_PW.toCharArray());
    return Openssl.ownerOnly(Files.write(dir.resolve("two." + type), out.toByteArray()));
  }
}
