package dev.secureinflux.tls;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.secureinflux.testkit.TestCertificate;
import dev.secureinflux.testkit.TestCertificate.KeyType;
import dev.secureinflux.tls.internal.SwappableKeyManager;
import java.security.cert.X509Certificate;
import org.junit.jupiter.api.Test;

/** The client key manager swaps key and chain as one: a handshake never gets one generation's key with another's chain. */
class ReloadKeyManagerTest {
  private static final TestCertificate CA = TestCertificate.newRootCa("Key Manager CA");
  private static final TestCertificate ONE = TestCertificate.builder().issuer(CA).commonName("one").build();
  private static final TestCertificate TWO = TestCertificate.builder().issuer(CA).commonName("two").build();
  private static final TestCertificate THREE = TestCertificate.builder().issuer(CA).commonName("three").build();

  @Test
  void swap_betweenAliasChoiceAndLookup_aliasStillGivesItsOwnKeyAndChain() {
    SwappableKeyManager km = new SwappableKeyManager();
    km.swap(ONE.keyPair().getPrivate(), ONE.chain());
    String alias = km.chooseClientAlias(new String[] {"EC"}, null, null);
    km.swap(TWO.keyPair().getPrivate(), TWO.chain());
    assertEquals(ONE.keyPair().getPrivate(), km.getPrivateKey(alias));
    assertArrayEquals(ONE.chain().toArray(new X509Certificate[0]), km.getCertificateChain(alias));
    String next = km.chooseClientAlias(new String[] {"EC"}, null, null);
    assertNotEquals(alias, next);
    assertEquals(TWO.keyPair().getPrivate(), km.getPrivateKey(next));
    assertEquals(TWO.certificate(), km.getCertificateChain(next)[0]);
  }

  @Test
  void swap_twice_oldestAliasGivesNothing() {
    SwappableKeyManager km = new SwappableKeyManager();
    km.swap(ONE.keyPair().getPrivate(), ONE.chain());
    String alias = km.chooseClientAlias(new String[] {"EC"}, null, null);
    km.swap(TWO.keyPair().getPrivate(), TWO.chain());
    km.swap(THREE.keyPair().getPrivate(), THREE.chain());
    assertNull(km.getPrivateKey(alias));
    assertNull(km.getCertificateChain(alias));
  }

  @Test
  void chooseClientAlias_keyTypeNotOffered_null() {
    SwappableKeyManager km = new SwappableKeyManager();
    km.swap(ONE.keyPair().getPrivate(), ONE.chain());
    assertNull(km.chooseClientAlias(new String[] {"RSA"}, null, null));
    TestCertificate rsa = TestCertificate.builder().issuer(CA).keyType(KeyType.RSA_2048).build();
    km.swap(rsa.keyPair().getPrivate(), rsa.chain());
    assertEquals(rsa.keyPair().getPrivate(),
        km.getPrivateKey(km.chooseClientAlias(new String[] {"EC", "RSA"}, null, null)));
  }

  @Test
  void noIdentity_noAliasAndNoServerSide() {
    SwappableKeyManager km = new SwappableKeyManager();
    assertNull(km.chooseClientAlias(new String[] {"EC"}, null, null));
    km.swap(ONE.keyPair().getPrivate(), ONE.chain());
    assertNull(km.chooseServerAlias("EC", null, null));
    assertNull(km.getServerAliases("EC", null));
  }
}
