package dev.secureinflux.tls;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.secureinflux.testkit.TestCertificate;
import dev.secureinflux.tls.internal.HostnameMatcher;
import java.security.cert.X509Certificate;
import org.junit.jupiter.api.Test;

/** The host name rule: SAN only, left-most whole-label wildcards, IPs only against IP SANs. */
class HostnameRulesTest {
  private static final TestCertificate CA = TestCertificate.newRootCa("Hostname Test CA");

  private static X509Certificate dns(String... names) {
    TestCertificate.Builder b = TestCertificate.builder().issuer(CA).commonName("cn.example.com");
    for (String n : names) {
      b.addDnsSan(n);
    }
    return b.build().certificate();
  }

  private static X509Certificate ip(String... addresses) {
    TestCertificate.Builder b = TestCertificate.builder().issuer(CA).commonName("10.0.0.1");
    for (String a : addresses) {
      b.addIpSan(a);
    }
    return b.build().certificate();
  }

  @Test
  void matches_exactName_true() {
    assertTrue(HostnameMatcher.matches("influx.example.com", dns("influx.example.com")));
  }

  @Test
  void matches_caseAndTrailingDot_ignored() {
    X509Certificate c = dns("Influx.Example.COM.");
    assertTrue(HostnameMatcher.matches("INFLUX.example.com", c));
    assertTrue(HostnameMatcher.matches("influx.example.com.", c));
  }

  @Test
  void matches_commonNameOnly_false() {
    assertFalse(HostnameMatcher.matches("cn.example.com", dns()));
  }

  @Test
  void matches_wildcardLeftMostLabel_onlyOneLabel() {
    X509Certificate c = dns("*.example.com");
    assertTrue(HostnameMatcher.matches("a.example.com", c));
    assertFalse(HostnameMatcher.matches("example.com", c));
    assertFalse(HostnameMatcher.matches("a.b.example.com", c));
    assertFalse(HostnameMatcher.matches(".example.com", c));
  }

  @Test
  void matches_partialOrInnerWildcard_false() {
    assertFalse(HostnameMatcher.matches("foo.example.com", dns("f*.example.com")));
    assertFalse(HostnameMatcher.matches("a.b.example.com", dns("a.*.example.com")));
    assertFalse(HostnameMatcher.matches("a.com", dns("*.com")));
    assertFalse(HostnameMatcher.matches("anything", dns("*")));
  }

  @Test
  void matches_wildcardNeverForIp_false() {
    assertFalse(HostnameMatcher.matches("10.0.0.1", dns("*.0.0.1")));
    assertFalse(HostnameMatcher.matches("10.0.0.1", dns("10.0.0.1")));
  }

  @Test
  void matches_ipv4AgainstIpSan_true() {
    assertTrue(HostnameMatcher.matches("10.0.0.1", ip("10.0.0.1")));
    assertFalse(HostnameMatcher.matches("10.0.0.2", ip("10.0.0.1")));
  }

  @Test
  void matches_ipv6Normalised_true() {
    X509Certificate c = ip("2001:db8::1");
    assertTrue(HostnameMatcher.matches("2001:db8:0:0:0:0:0:1", c));
    assertTrue(HostnameMatcher.matches("[2001:DB8::1]", c));
    assertTrue(HostnameMatcher.matches("::1", ip("0:0:0:0:0:0:0:1")));
    assertFalse(HostnameMatcher.matches("2001:db8::2", c));
  }

  @Test
  void matches_nameAgainstIpSanOnly_false() {
    assertFalse(HostnameMatcher.matches("localhost", ip("127.0.0.1")));
  }

  @Test
  void matches_emptyHost_false() {
    assertFalse(HostnameMatcher.matches("", dns("example.com")));
    assertFalse(HostnameMatcher.matches(".", dns("example.com")));
  }

  @Test
  void matches_unicodeHostAgainstALabelSan_true() {
    X509Certificate c = dns("xn--bcher-kva.example.com");
    assertTrue(HostnameMatcher.matches("b\u00fccher.example.com", c));
    assertTrue(HostnameMatcher.matches("xn--bcher-kva.example.com", c));
    assertFalse(HostnameMatcher.matches("bucher.example.com", c));
  }
}
