package dev.secureinflux.tls.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Arrays;
import java.util.Map;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.junit.jupiter.api.Test;

/** The JDK-only PKCS#8 path: which encodings it takes, and that it gives the key the BouncyCastle path gives. */
class Pkcs8Test {
  @Test
  void jdkKey_plainJdkEncodings_sameKeyAsBouncyCastlePath() throws Exception {
    for (Map.Entry<String, PrivateKey> e : Map.of("RSA", generate("RSA", null), "EC", generate("EC", "secp256r1"),
        "EC ", generate("EC", "secp384r1"), "Ed25519", generate("Ed25519", null), "Ed448", generate("Ed448", null))
        .entrySet()) {
      byte[] der = e.getValue().getEncoded();
      assertEquals(e.getKey().strip(), Pkcs8.algorithm(der));
      PrivateKey fast = Pkcs8.jdkKey(der);
      PrivateKey usual = KeyInfos.privateKey(PrivateKeyInfo.getInstance(der), "test");
      assertNotNull(fast, e.getKey());
      assertEquals(usual, fast, e.getKey());
      assertArrayEquals(usual.getEncoded(), fast.getEncoded(), e.getKey());
    }
  }

  @Test
  void algorithm_notStrictPlainDer_null() throws Exception {
    byte[] der = generate("EC", "secp256r1").getEncoded();
    assertNull(Pkcs8.algorithm(null));
    assertNull(Pkcs8.algorithm(new byte[0]));
    assertNull(Pkcs8.algorithm(Arrays.copyOf(der, der.length + 1)), "trailing byte");
    assertNull(Pkcs8.algorithm(Arrays.copyOf(der, der.length - 1)), "truncated");
    byte[] version1 = der.clone();
    version1[4] = 1; // SEQUENCE(30 81 xx) INTEGER(02 01 00): the version byte.
    assertEquals(0, der[4]);
    assertNull(Pkcs8.algorithm(version1), "version 1");
    assertNull(Pkcs8.algorithm(indefiniteLength(der)), "BER indefinite length");
    assertNull(Pkcs8.algorithm(generate("DSA", null).getEncoded()), "DSA");
    assertNull(Pkcs8.algorithm(generate("XDH", null).getEncoded()), "X25519");
  }

  @Test
  void jdkKey_structureRightContentWrong_nullSoTheUsualPathReports() throws Exception {
    byte[] der = generate("EC", "secp256r1").getEncoded();
    // 30 len | 02 01 00 | 30 algLen ... | 04 keyLen <SEC1 key>: zero the SEC1 key, the structure stays plain DER.
    assertEquals(0x30, der[5]);
    int octetString = 7 + der[6];
    assertEquals(0x04, der[octetString]);
    assertEquals(der.length, octetString + 2 + der[octetString + 1]);
    Arrays.fill(der, octetString + 2, der.length, (byte) 0);
    assertEquals("EC", Pkcs8.algorithm(der));
    assertNull(Pkcs8.jdkKey(der));
  }

  @Test
  void plain_encryptedOrOtherBlocks_null() throws Exception {
    byte[] der = generate("EC", "secp256r1").getEncoded();
    Path file = Path.of("key.pem");
    PemBlocks.Block plain = PemBlocks.parse(pem("PRIVATE KEY", "", der), file).get(0);
    PemBlocks.Block legacy = PemBlocks.parse(pem("PRIVATE KEY",
        "Proc-Type: 4,ENCRYPTED\nDEK-Info: AES-128-CBC,00000000000000000000000000000000\n\n", der), file).get(0);
    PemBlocks.Block rsa = PemBlocks.parse(pem("RSA PRIVATE KEY", "", der), file).get(0);
    assertNotNull(Pkcs8.plain(plain));
    assertNull(Pkcs8.plain(legacy));
    assertNull(Pkcs8.plain(rsa));
  }

  private static PrivateKey generate(String algorithm, String curve) throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm);
    if (curve != null) {
      generator.initialize(new ECGenParameterSpec(curve));
    }
    return generator.generateKeyPair().getPrivate();
  }

  private static byte[] pem(String type, String headers, byte[] der) {
    return ("-----BEGIN " + type + "-----\n" + headers + java.util.Base64.getMimeEncoder().encodeToString(der)
        + "\n-----END " + type + "-----\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII);
  }

  /** {@code der} (a SEQUENCE with a short or one-byte long length) re-framed with BER's indefinite length. */
  private static byte[] indefiniteLength(byte[] der) {
    int header = (der[1] & 0xff) < 0x80 ? 2 : 2 + (der[1] & 0x7f);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(0x30);
    out.write(0x80);
    out.write(der, header, der.length - header);
    out.write(0);
    out.write(0);
    return out.toByteArray();
  }
}
