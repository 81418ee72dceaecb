package dev.secureinflux.tls.internal;

import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Arrays;

/**
 * The JDK-only fast path for the common private key encoding: a DER PKCS#8 {@code PrivateKeyInfo} version 0 of an
 * RSA, EC (named curve), Ed25519 or Ed448 key without attributes. It touches no BouncyCastle class, so loading
 * such a key does not pay for opening and verifying BouncyCastle's signed jar (hundreds of milliseconds in a fresh
 * JVM). Anything else, and anything the JDK rejects, answers {@code null} and goes the BouncyCastle way, which
 * gives the same key for the inputs accepted here and the usual errors for the rest. Not API.
 */
final class Pkcs8 {
  private static final byte SEQUENCE = 0x30;
  private static final byte INTEGER = 0x02;
  private static final byte OCTET_STRING = 0x04;
  private static final byte OID = 0x06;
  private static final byte NULL = 0x05;

  private static final byte[] RSA = {0x2a, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xf7, 0x0d, 0x01, 0x01, 0x01};
  private static final byte[] EC = {0x2a, (byte) 0x86, 0x48, (byte) 0xce, 0x3d, 0x02, 0x01};
  private static final byte[] ED25519 = {0x2b, 0x65, 0x70};
  private static final byte[] ED448 = {0x2b, 0x65, 0x71};

  private Pkcs8() {}

  /**
   * The key of an unencrypted PEM {@code PRIVATE KEY} block in the plain form, or {@code null} (then
   * {@link PrivateKeys#decode} reads the block as before).
   */
  static PrivateKey plain(PemBlocks.Block block) {
    boolean encrypted = block.headers.getOrDefault("Proc-Type", "").contains("ENCRYPTED");
    return block.type.equals("PRIVATE KEY") && !encrypted ? jdkKey(block.der) : null;
  }

  /** The JDK private key of {@code der}, or {@code null} when it is not in the plain form or the JDK refuses it. */
  static PrivateKey jdkKey(byte[] der) {
    String algorithm = algorithm(der);
    if (algorithm == null) {
      return null;
    }
    try {
      return JdkObjects.keyFactory(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
    } catch (GeneralSecurityException | RuntimeException e) {
      return null;
    }
  }

  /**
   * The JDK algorithm of a strict DER {@code SEQUENCE { INTEGER 0, SEQUENCE { OID [, params] }, OCTET STRING }}
   * filling all of {@code der}, with no parameters (Ed25519, Ed448), NULL or none (RSA) or a curve OID (EC);
   * else {@code null}.
   */
  static String algorithm(byte[] der) {
    if (der == null) {
      return null;
    }
    int[] outer = tlv(der, 0, der.length, SEQUENCE);
    if (outer == null || outer[1] != der.length) {
      return null;
    }
    int[] version = tlv(der, outer[0], outer[1], INTEGER);
    if (version == null || version[1] - version[0] != 1 || der[version[0]] != 0) {
      return null;
    }
    int[] algorithmId = tlv(der, version[1], outer[1], SEQUENCE);
    if (algorithmId == null) {
      return null;
    }
    int[] oid = tlv(der, algorithmId[0], algorithmId[1], OID);
    int[] key = tlv(der, algorithmId[1], outer[1], OCTET_STRING);
    if (oid == null || key == null || key[1] != outer[1]) {
      return null;
    }
    byte[] oidBytes = Arrays.copyOfRange(der, oid[0], oid[1]);
    boolean noParameters = oid[1] == algorithmId[1];
    if (Arrays.equals(oidBytes, RSA)) {
      boolean nullParameters = !noParameters && algorithmId[1] - oid[1] == 2 && der[oid[1]] == NULL
          && der[oid[1] + 1] == 0;
      return noParameters || nullParameters ? "RSA" : null;
    } else if (Arrays.equals(oidBytes, EC)) {
      int[] curve = noParameters ? null : tlv(der, oid[1], algorithmId[1], OID);
      return curve != null && curve[1] == algorithmId[1] && curve[1] > curve[0] ? "EC" : null;
    } else if (Arrays.equals(oidBytes, ED25519)) {
      return noParameters ? "Ed25519" : null;
    } else if (Arrays.equals(oidBytes, ED448)) {
      return noParameters ? "Ed448" : null;
    }
    return null;
  }

  /**
   * The content bounds {@code {start, end}} of the DER element with {@code tag} at {@code offset} (definite,
   * minimally encoded length ending by {@code limit}), or {@code null}.
   */
  private static int[] tlv(byte[] der, int offset, int limit, byte tag) {
    if (offset + 2 > limit || der[offset] != tag) {
      return null;
    }
    int first = der[offset + 1] & 0xff;
    int start = offset + 2;
    long length;
    if (first < 0x80) {
      length = first;
    } else {
      int octets = first & 0x7f;
      if (octets == 0 || octets > 3 || start + octets > limit || der[start] == 0) {
        return null; // Indefinite (BER), over 16 MB, truncated or not minimal.
      }
      length = 0;
      for (int i = 0; i < octets; i++) {
        length = (length << 8) | (der[start + i] & 0xff);
      }
      start += octets;
      if (length < 0x80) {
        return null; // Long form for a short length: not DER.
      }
    }
    if (start + length > limit) {
      return null;
    }
    return new int[] {start, (int) (start + length)};
  }
}
