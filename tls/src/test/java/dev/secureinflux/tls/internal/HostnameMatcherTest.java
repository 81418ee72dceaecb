package dev.secureinflux.tls.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.secureinflux.testkit.TestCertificate;
import java.security.Permission;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** IP literals are parsed by the matcher itself; a string that only looks like one is a DNS name, never looked up. */
class HostnameMatcherTest {
  private static final TestCertificate CA = TestCertificate.newRootCa("Hostname Matcher Test CA");
  private static final X509Certificate BOTH = TestCertificate.builder().issuer(CA).commonName("mixed")
      .addDnsSan("300.1.1.1").addDnsSan("10.0.0.1.example").addIpSan("10.0.0.1").addIpSan("2001:db8::1")
      .build().certificate();

  @Test
  void matches_invalidDottedQuad_isDnsNameAndNothingIsLookedUp() {
    X509Certificate ipOnly = ipOnly("44.1.1.1");
    List<String> lookups = lookupsDuring(() -> {
      assertTrue(HostnameMatcher.matches("300.1.1.1", BOTH)); // The DNS SAN, not an address.
      assertFalse(HostnameMatcher.matches("300.1.1.1", ipOnly));
      assertFalse(HostnameMatcher.isIpLiteral("300.1.1.1"));
    });
    assertEquals(List.of(), lookups, "HostnameMatcher asked the resolver");
  }

  @Test
  void matches_almostIpLiterals_neverMatchIpSansNorLookedUp() {
    List<String> lookups = lookupsDuring(() -> {
      assertFalse(HostnameMatcher.matches("010.0.0.1", BOTH)); // Ambiguous (octal?): not the IP SAN 10.0.0.1.
      assertFalse(HostnameMatcher.matches("10.0.0.1.2", BOTH));
      assertFalse(HostnameMatcher.matches("1:2", BOTH));
      assertFalse(HostnameMatcher.matches("2001:db8::1::", BOTH));
      assertFalse(HostnameMatcher.matches("fe80::1%zz", BOTH));
      assertTrue(HostnameMatcher.matches("10.0.0.1", BOTH));
      assertTrue(HostnameMatcher.matches("[2001:db8:0::1]", BOTH));
    });
    assertEquals(List.of(), lookups, "HostnameMatcher asked the resolver");
  }

  @Test
  void ipLiteral_ipv4_strictDottedQuad() {
    assertArrayEquals(new byte[] {10, 0, 0, 1}, HostnameMatcher.ipLiteral("10.0.0.1"));
    assertArrayEquals(new byte[] {(byte) 255, (byte) 255, 0, 0}, HostnameMatcher.ipLiteral("255.255.0.0"));
    for (String notIp : List.of("300.1.1.1", "256.0.0.1", "1.2.3", "1.2.3.4.5", "01.2.3.4", "1..2.3", "1.2.3.",
        "a.b.c.d", "1.2.3.4 ", "+1.2.3.4", "localhost", "")) {
      assertNull(HostnameMatcher.ipLiteral(notIp), notIp);
    }
  }

  @Test
  void ipLiteral_ipv6_groupsGapAndIpv4Tail() {
    byte[] one = new byte[16];
    one[15] = 1;
    assertArrayEquals(one, HostnameMatcher.ipLiteral("::1"));
    assertArrayEquals(one, HostnameMatcher.ipLiteral("0:0:0:0:0:0:0:1"));
    assertArrayEquals(new byte[16], HostnameMatcher.ipLiteral("::"));
    byte[] doc = {0x20, 0x01, 0x0d, (byte) 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1};
    assertArrayEquals(doc, HostnameMatcher.ipLiteral("2001:db8::1"));
    assertArrayEquals(doc, HostnameMatcher.ipLiteral("2001:0db8:0:0:0:0:0:0001"));
    assertArrayEquals(doc, HostnameMatcher.ipLiteral("2001:db8::1%1"));
    byte[] tail = {0, 1, 0, 2, 0, 3, 0, 4, 0, 5, 0, 6, 10, 0, 0, 1};
    assertArrayEquals(tail, HostnameMatcher.ipLiteral("1:2:3:4:5:6:10.0.0.1"));
    assertArrayEquals(new byte[] {10, 0, 0, 1}, HostnameMatcher.ipLiteral("::ffff:10.0.0.1")); // IPv4-mapped.
    for (String notIp : List.of("1:2", "1:2:3:4:5:6:7:8:9", "1::2::3", "12345::", "::g", ":1", "1:", "1:::2",
        "::1.2.3", "1.2.3.4::", "::300.1.1.1", "fe80::1%", "fe80::1%a b", "1:2:3:4:5:6:7::8:9")) {
      assertNull(HostnameMatcher.ipLiteral(notIp), notIp);
    }
  }

  private static X509Certificate ipOnly(String address) {
    return TestCertificate.builder().issuer(CA).commonName("ip").addIpSan(address).build().certificate();
  }

  /**
   * The host names the JDK resolver was asked for while {@code action} ran: {@code InetAddress} asks the security
   * manager's {@code checkConnect(host, -1)} before every lookup of a name that is not an address literal.
   */
  @SuppressWarnings("removal")
  private static List<String> lookupsDuring(Runnable action) {
    List<String> lookups = new ArrayList<>();
    SecurityManager previous = System.getSecurityManager();
    System.setSecurityManager(new SecurityManager() {
      @Override
      public void checkPermission(Permission permission) {}

      @Override
      public void checkPermission(Permission permission, Object context) {}

      @Override
      public void checkConnect(String host, int port) {
        if (port == -1) {
          synchronized (lookups) {
            lookups.add(host);
          }
        }
      }
    });
    try {
      action.run();
    } finally {
      System.setSecurityManager(previous);
    }
    synchronized (lookups) {
      return List.copyOf(lookups);
    }
  }
}
