package dev.secureinflux.tls.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.secureinflux.testkit.TestCertificate;
import dev.secureinflux.tls.KeyMismatchException;
import java.math.BigInteger;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.RSAPrivateCrtKeySpec;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The JDK's key-to-certificate decision agrees with BouncyCastle's derivation plus test signature. */
class KeyMatchTest {
  @Test
  void of_everyPairOfKeyTypes_agreesWithDerivationThenSignature() throws Exception {
    List<KeyPair> pairs = List.of(pair("EC", "secp256r1"), pair("EC", "secp256r1"), pair("EC", "secp384r1"),
        pair("RSA", null), pair("RSA", null), pair("Ed25519", null), pair("Ed448", null));
    for (KeyPair owner : pairs) {
      for (KeyPair other : pairs) {
        Boolean derived = KeyMatch.Bc.derivedMatch(owner.getPrivate(), other.getPublic());
        boolean before = derived != null ? derived : Chains.signatureMatches(owner.getPrivate(), other.getPublic());
        KeyMatch.Result now = KeyMatch.of(owner.getPrivate(), other.getPublic());
        String what = owner.getPrivate().getAlgorithm() + " key, " + other.getPublic().getAlgorithm() + " public key";
        assertEquals(before, now != KeyMatch.Result.NONE, what);
        assertEquals(owner == other ? KeyMatch.Result.SIGNED : KeyMatch.Result.NONE, now, what);
      }
    }
  }

  @Test
  void normalise_rsaKeyWithDamagedCrtValue_throwsDamaged() throws Exception {
    TestCertificate client = TestCertificate.builder().commonName("damaged")
        .keyType(TestCertificate.KeyType.RSA_2048).clientAuth().build();
    RSAPrivateCrtKey k = (RSAPrivateCrtKey) client.keyPair().getPrivate();
    PrivateKey damaged = KeyFactory.getInstance("RSA").generatePrivate(new RSAPrivateCrtKeySpec(k.getModulus(),
        k.getPublicExponent(), k.getPrivateExponent(), k.getPrimeP(), k.getPrimeQ(),
        k.getPrimeExponentP().add(BigInteger.TWO), k.getPrimeExponentQ(), k.getCrtCoefficient()));
    assertEquals(KeyMatch.Result.DERIVED, KeyMatch.of(damaged, client.certificate().getPublicKey()));
    KeyMismatchException e = assertThrows(KeyMismatchException.class,
        () -> Chains.normalise(damaged, List.of(client.certificate()), "damaged.pem"));
    assertTrue(e.getMessage().contains("damaged.pem: a test signature with the private key does not verify")
        && e.getMessage().contains("CN=damaged"), e.getMessage());
  }

  private static KeyPair pair(String algorithm, String curve) throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm);
    if (curve != null) {
      generator.initialize(new ECGenParameterSpec(curve));
    }
    return generator.generateKeyPair();
  }
}
