package dev.secureinflux.tls.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.secureinflux.tls.UnsupportedTlsParameterException;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Names the policy allows but a JDK lacks: an explicit request fails, the defaults leave them out. */
class PolicyNamesTest {
  private static final Set<String> NO_CHACHA = Set.of("TLSv1.3", "TLSv1.2", "TLS_AES_128_GCM_SHA256",
      "TLS_AES_256_GCM_SHA384", "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256");

  @Test
  void select_requestedSuiteJdkLacks_throwsUnsupportedNamingIt() {
    UnsupportedTlsParameterException e = assertThrows(UnsupportedTlsParameterException.class,
        () -> TlsPolicy.select("cipher suite", "cipherSuites", List.of("TLS_CHACHA20_POLY1305_SHA256"),
            TlsPolicy.CIPHER_SUITES, NO_CHACHA));
    assertTrue(e.getMessage().contains("does not support the cipher suite TLS_CHACHA20_POLY1305_SHA256"),
        e.getMessage());
  }

  @Test
  void select_requestedProtocolJdkLacks_throwsUnsupportedNamingIt() {
    UnsupportedTlsParameterException e = assertThrows(UnsupportedTlsParameterException.class,
        () -> TlsPolicy.of(List.of("TLSv1.3"), null, Set.of("TLSv1.2"), NO_CHACHA));
    assertTrue(e.getMessage().contains("does not support the protocol TLSv1.3"), e.getMessage());
  }

  @Test
  void select_defaultsJdkLacksSome_leavesThemOut() {
    List<String> suites = TlsPolicy.select("cipher suite", "cipherSuites", null, TlsPolicy.CIPHER_SUITES,
        NO_CHACHA);
    assertEquals(List.of("TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384",
        "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256"), suites);
  }

  @Test
  void select_defaultsJdkLacksAll_throwsUnsupported() {
    UnsupportedTlsParameterException e = assertThrows(UnsupportedTlsParameterException.class,
        () -> TlsPolicy.select("protocol", "protocols", null, TlsPolicy.PROTOCOLS, Set.of("TLSv1.1")));
    assertTrue(e.getMessage().contains("supports none of the policy's protocols"), e.getMessage());
  }

  @Test
  void of_runningJdk_supportsTheWholePolicy() {
    TlsPolicy policy = TlsPolicy.of(null, null, JdkTls.protocols(), JdkTls.cipherSuites());
    assertEquals(TlsPolicy.PROTOCOLS, policy.protocols());
    assertEquals(TlsPolicy.CIPHER_SUITES, policy.cipherSuites());
  }

  @Test
  void isDisabled_namesAndPatterns_matchedConstraintsIgnored() {
    String property = "SSLv3, TLSv1.1, TLS_CHACHA20*, DH keySize < 1024, include jdk.disabled.namedCurves";
    assertTrue(JdkTls.isDisabled("TLSv1.1", property));
    assertTrue(JdkTls.isDisabled("TLS_CHACHA20_POLY1305_SHA256", property));
    assertEquals(false, JdkTls.isDisabled("TLSv1.3", property));
    assertEquals(false, JdkTls.isDisabled("TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256", property));
    assertEquals(false, JdkTls.isDisabled("TLSv1.2", null));
  }

  @Test
  void usable_disabledByJavaSecurity_leftOutSoAnExplicitRequestFails() {
    Set<String> usable = JdkTls.usable(new String[] {"TLSv1.3", "TLSv1.2"}, "TLSv1.3");
    assertEquals(Set.of("TLSv1.2"), usable);
    UnsupportedTlsParameterException e = assertThrows(UnsupportedTlsParameterException.class,
        () -> TlsPolicy.select("protocol", "protocols", List.of("TLSv1.3"), TlsPolicy.PROTOCOLS, usable));
    assertTrue(e.getMessage().contains("protocol TLSv1.3") && e.getMessage().contains("disabledAlgorithms"),
        e.getMessage());
  }
}
