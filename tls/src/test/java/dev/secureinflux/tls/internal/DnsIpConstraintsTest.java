package dev.secureinflux.tls.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.secureinflux.tls.CertificateRejectedException;
import dev.secureinflux.tls.CertificateRejectedException.Reason;
import dev.secureinflux.testkit.TestCertificate;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** The library's own DNS and IP name constraint rules, on the host connected to and on subjectAltNames. */
class DnsIpConstraintsTest {
  /** Leaf with {@code sans} under an anchor with {@code constraints}: the verified path, leaf first. */
  private static List<X509Certificate> path(UnaryOperator<TestCertificate.Builder> constraints,
      UnaryOperator<TestCertificate.Builder> sans) {
    TestCertificate ca = constraints.apply(TestCertificate.builder().commonName("Rules CA").ca()).build();
    TestCertificate leaf = sans.apply(TestCertificate.builder().issuer(ca).commonName("leaf")).build();
    return List.of(leaf.certificate(), ca.certificate());
  }

  private static void assertRefused(Executable check, String... fragments) {
    CertificateRejectedException e = assertThrows(CertificateRejectedException.class, check);
    assertEquals(Reason.NAME_NOT_PERMITTED, e.reason(), e.getMessage());
    for (String f : fragments) {
      assertTrue(e.getMessage().contains(f), "message lacks '" + f + "': " + e.getMessage());
    }
  }

  @Test
  void checkHost_hostInsideExcludedSubtreeWrittenInUpperCaseWithTrailingDot_refused() {
    List<X509Certificate> path = path(b -> b.excludeDns("secret.internal.example"), b -> b.addDnsSan("x.example"));
    assertRefused(() -> DnsIpConstraints.checkHost("SECRET.Internal.Example.", path),
        "the host name SECRET.Internal.Example. (the name connected to)", "trust anchor 'CN=Rules CA",
        "excluded by DNS:secret.internal.example");
  }

  @Test
  void checkHost_ipv4MappedIpv6Literal_checkedAsItsIpv4Address() {
    List<X509Certificate> path = path(b -> b.excludeIp("127.0.0.0/8"), b -> b.addDnsSan("x.example"));
    assertRefused(() -> DnsIpConstraints.checkHost("[::ffff:127.0.0.1]", path), "excluded by IP:127.0.0.0/8");
  }

  @Test
  void checkHost_ipv4AddressUnderExcludedMappedIpv6Range_refused() {
    List<X509Certificate> path = path(b -> b.excludeIp("::ffff:0:0/96"), b -> b.addDnsSan("x.example"));
    assertRefused(() -> DnsIpConstraints.checkHost("10.1.2.3", path), "excluded by IP:");
  }

  @Test
  void checkHost_dnsNameUnderCaPermittingOnlyIpRanges_refused() throws Exception {
    List<X509Certificate> path = path(b -> b.permitIp("10.0.0.0/8"), b -> b.addIpSan("10.0.0.1"));
    assertRefused(() -> DnsIpConstraints.checkHost("db.internal.example", path),
        "permits only IP ranges vouches for no DNS name");
    DnsIpConstraints.checkHost("10.0.0.1", path);
  }

  @Test
  void checkHost_permittedBaseWithLeadingDot_permitsSubdomainsOnly() throws Exception {
    List<X509Certificate> path = path(b -> b.permitDns(".internal.example"), b -> b.addDnsSan("a.internal.example"));
    DnsIpConstraints.checkHost("a.internal.example", path);
    assertRefused(() -> DnsIpConstraints.checkHost("internal.example", path), "not inside a permitted DNS subtree");
    assertRefused(() -> DnsIpConstraints.checkHost("xinternal.example", path), "not inside a permitted DNS subtree");
  }

  @Test
  void checkHost_excludedBaseWithLeadingDot_excludesTheDomainItselfToo() {
    List<X509Certificate> path = path(b -> b.excludeDns(".internal.example"), b -> b.addDnsSan("x.example"));
    assertRefused(() -> DnsIpConstraints.checkHost("internal.example", path), "excluded by DNS:.internal.example");
  }

  @Test
  void checkPath_ipv6SanInsideExcludedIpv6Subtree_refused() {
    List<X509Certificate> path = path(b -> b.excludeIp("fd00::/8"), b -> b.addIpSan("fd12::1"));
    assertRefused(() -> DnsIpConstraints.checkPath(path), "the name IP:fd12:0:0:0:0:0:0:1 of 'CN=leaf",
        "excluded by IP:fd00:0:0:0:0:0:0:0/8");
  }

  @Test
  void checkPath_wildcardWhoseDomainIsInsidePermittedSubtree_accepted() throws Exception {
    DnsIpConstraints.checkPath(path(b -> b.permitDns("example").excludeDns("secret.other.example"),
        b -> b.addDnsSan("*.internal.example")));
  }

  @Test
  void checkPath_wildcardWiderThanPermittedSubtree_refused() {
    assertRefused(() -> DnsIpConstraints.checkPath(path(b -> b.permitDns("a.internal.example"),
        b -> b.addDnsSan("*.internal.example"))), "the wildcard's domain internal.example is not inside");
  }
}
