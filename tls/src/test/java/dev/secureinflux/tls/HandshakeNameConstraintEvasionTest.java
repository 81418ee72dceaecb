package dev.secureinflux.tls;

import static dev.secureinflux.tls.CertificateRejectedException.Reason.INVALID_CHAIN;
import static dev.secureinflux.tls.CertificateRejectedException.Reason.NAME_NOT_PERMITTED;
import static dev.secureinflux.tls.Handshakes.assertEcho;
import static dev.secureinflux.tls.Handshakes.assertRejected;
import static dev.secureinflux.tls.Handshakes.connect;
import static dev.secureinflux.tls.Handshakes.refused;

import dev.secureinflux.testkit.TestCertificate;
import java.util.function.UnaryOperator;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;

/**
 * Certificates that get around a CA's excluded or permitted names by how the names are written (a wildcard over
 * an excluded name, a trailing dot, an IPv4-mapped IPv6 address, a zero-length excluded dNSName, an IP address
 * under a CA that permits DNS names only), refused in real handshakes whether the constraints are the trust
 * anchor's (BouncyCastle's validator) or an intermediate's (the JDK's PKIX). The host name given to TLS is only
 * the peer name for the checks; every connection goes to 127.0.0.1.
 */
class HandshakeNameConstraintEvasionTest {
  private static final TestCertificate ROOT = TestCertificate.newRootCa("Evasion Root");

  /** A CA with {@code constraints}: the anchor itself ({@code anchor}), or an intermediate below {@link #ROOT}. */
  private static TestCertificate ca(boolean anchor, String name, UnaryOperator<TestCertificate.Builder> constraints) {
    TestCertificate.Builder b = TestCertificate.builder().commonName(name).ca();
    if (!anchor) {
      b.issuer(ROOT);
    }
    return constraints.apply(b).build();
  }

  private static TlsConfig trustingRootOf(TestCertificate ca, boolean anchor) {
    return TlsConfig.builder().trust(TrustMaterial.certificates((anchor ? ca : ROOT).certificate())).build();
  }

  private static TestCertificate.Builder leaf(TestCertificate issuer) {
    return TestCertificate.builder().issuer(issuer).commonName("server").serverAuth();
  }

  private static CertificateRejectedException refusal(boolean anchor, UnaryOperator<TestCertificate.Builder> nc,
      UnaryOperator<TestCertificate.Builder> sans, String host) throws Exception {
    TestCertificate ca = ca(anchor, anchor ? "Constrained Root" : "Constrained Sub", nc);
    try (LoopbackTlsServer server = LoopbackTlsServer.start(sans.apply(leaf(ca)).build())) {
      return refused(trustingRootOf(ca, anchor), host, server.port());
    }
  }

  private static CertificateRejectedException wildcardOverExcludedHost(boolean anchor) throws Exception {
    return refusal(anchor, b -> b.permitDns("internal.example").excludeDns("secret.internal.example"),
        b -> b.addDnsSan("*.internal.example"), "secret.internal.example");
  }

  @Test
  void handshake_anchorExcludesHostCoveredByWildcardSan_refusedNameNotPermitted() throws Exception {
    assertRejected(wildcardOverExcludedHost(true), NAME_NOT_PERMITTED, "DNS:*.internal.example",
        "trust anchor 'CN=Constrained Root", "excluded [DNS:secret.internal.example]", "wildcard is refused");
  }

  @Test
  void handshake_intermediateExcludesHostCoveredByWildcardSan_refusedNameNotPermitted() throws Exception {
    assertRejected(wildcardOverExcludedHost(false), NAME_NOT_PERMITTED, "DNS:*.internal.example",
        "CA 'CN=Constrained Sub", "excluded [DNS:secret.internal.example]", "wildcard is refused");
  }

  @Test
  void handshake_wildcardUnderAnchorExcludingANameInItsDomain_refusedForOtherHostsToo() throws Exception {
    assertRejected(refusal(true, b -> b.permitDns("internal.example").excludeDns("secret.internal.example"),
        b -> b.addDnsSan("*.internal.example"), "db.internal.example"), NAME_NOT_PERMITTED,
        "DNS:*.internal.example", "wildcard is refused");
  }

  @Test
  void handshake_wildcardUnderAnchorPermittingItsDomain_connects() throws Exception {
    TestCertificate ca = ca(true, "Permitting Root", b -> b.permitDns("internal.example").excludeDns("other.example"));
    try (LoopbackTlsServer server = LoopbackTlsServer.start(leaf(ca).addDnsSan("*.internal.example").build());
        SSLSocket c = connect(trustingRootOf(ca, true), "db.internal.example", server.port())) {
      assertEcho(c, "wildcard inside the permitted subtree, no excluded name in its domain");
    }
  }

  private static CertificateRejectedException trailingDotSan(boolean anchor) throws Exception {
    return refusal(anchor, b -> b.excludeDns("secret.internal.example"),
        b -> b.addDnsSan("secret.internal.example."), "secret.internal.example");
  }

  @Test
  void handshake_anchorExcludesName_trailingDotSanRefusedNameNotPermitted() throws Exception {
    assertRejected(trailingDotSan(true), NAME_NOT_PERMITTED, "DNS:secret.internal.example.",
        "trust anchor 'CN=Constrained Root", "excluded by DNS:secret.internal.example");
  }

  @Test
  void handshake_intermediateExcludesName_trailingDotSanRefusedNameNotPermitted() throws Exception {
    assertRejected(trailingDotSan(false), NAME_NOT_PERMITTED, "DNS:secret.internal.example.",
        "CA 'CN=Constrained Sub", "excluded by DNS:secret.internal.example");
  }

  private static CertificateRejectedException mappedSan(boolean anchor, String excludedRange) throws Exception {
    return refusal(anchor, b -> b.excludeIp(excludedRange), b -> b.addIpSan("::ffff:127.0.0.1"), "127.0.0.1");
  }

  @Test
  void handshake_anchorExcludesIpv4Range_ipv4MappedIpv6SanRefusedNameNotPermitted() throws Exception {
    assertRejected(mappedSan(true, "127.0.0.0/8"), NAME_NOT_PERMITTED, "IP:127.0.0.1",
        "trust anchor 'CN=Constrained Root", "excluded by IP:127.0.0.0/8");
  }

  @Test
  void handshake_intermediateExcludesIpv4Range_ipv4MappedIpv6SanRefusedNameNotPermitted() throws Exception {
    assertRejected(mappedSan(false, "127.0.0.0/8"), NAME_NOT_PERMITTED, "IP:127.0.0.1",
        "CA 'CN=Constrained Sub", "excluded by IP:127.0.0.0/8");
  }

  @Test
  void handshake_anchorExcludesEveryIpv4Address_ipv4MappedIpv6SanRefusedNameNotPermitted() throws Exception {
    assertRejected(mappedSan(true, "0.0.0.0/0"), NAME_NOT_PERMITTED, "IP:127.0.0.1", "excluded by IP:0.0.0.0/0");
  }

  @Test
  void handshake_anchorExcludesEmptyDnsName_everyDnsNameRefusedNameNotPermitted() throws Exception {
    assertRejected(refusal(true, b -> b.excludeDns(""), b -> b.addDnsSan("localhost"), "localhost"),
        NAME_NOT_PERMITTED, "DNS:localhost", "trust anchor 'CN=Constrained Root", "excluded [DNS:\"\"]",
        "every DNS name is excluded");
  }

  /** The JDK's PKIX fails with a StringIndexOutOfBoundsException on such a CA: refused, as a chain it cannot check. */
  @Test
  void handshake_intermediateExcludesEmptyDnsName_refusedInvalidChainNamingTheCa() throws Exception {
    assertRejected(refusal(false, b -> b.excludeDns(""), b -> b.addDnsSan("localhost"), "localhost"),
        INVALID_CHAIN, "StringIndexOutOfBoundsException", "'CN=Constrained Sub", "excluded [DNS:\"\"]",
        "the JDK cannot validate this chain");
  }

  @Test
  void handshake_anchorPermitsOnlyDnsNames_ipHostRefusedNameNotPermitted() throws Exception {
    assertRejected(refusal(true, b -> b.permitDns("internal.example"),
        b -> b.addDnsSan("db.internal.example").addIpSan("127.0.0.1"), "127.0.0.1"), NAME_NOT_PERMITTED,
        "IP:127.0.0.1", "trust anchor 'CN=Constrained Root", "permits only DNS names vouches for no IP address");
  }

  @Test
  void handshake_intermediatePermitsOnlyDnsNames_ipHostRefusedNameNotPermitted() throws Exception {
    assertRejected(refusal(false, b -> b.permitDns("internal.example"),
        b -> b.addDnsSan("db.internal.example").addIpSan("127.0.0.1"), "127.0.0.1"), NAME_NOT_PERMITTED,
        "IP:127.0.0.1", "'CN=Constrained Sub");
  }
}
