package dev.secureinflux.tls.internal;

import static dev.secureinflux.tls.CertificateRejectedException.Reason.INVALID_CHAIN;
import static dev.secureinflux.tls.CertificateRejectedException.Reason.NAME_NOT_PERMITTED;

import dev.secureinflux.tls.CertificateRejectedException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralSubtree;
import org.bouncycastle.asn1.x509.NameConstraints;

/**
 * The dNSName and iPAddress name constraints of every CA of a verified path (intermediates and the anchor),
 * applied by the library itself on top of the JDK's and BouncyCastle's validators, which compare names as
 * written: to the host connected to and to the DNS and IP subjectAltNames below each CA. Every name is read as
 * the TLS client uses it (lower case, no trailing dot, an IPv4-mapped IPv6 address as its IPv4 address, and in
 * both forms). Stricter than RFC 5280 where that leaves a way around a constraint:
 * <ul>
 *   <li>a zero-length excluded dNSName excludes every DNS name;
 *   <li>a wildcard name {@code *.d} is refused when an excluded subtree lies inside {@code d} (it would match
 *       an excluded host), and permitted only when all of {@code d} is;
 *   <li>a CA that permits DNS names only vouches for no IP address, and one that permits IP ranges only for no
 *       DNS name (RFC 5280 leaves the other type unconstrained);
 *   <li>an IP address that is not 4 or 16 bytes is refused under any IP constraint, and an excluded IP subtree
 *       that is not 8 or 32 bytes excludes every address.
 * </ul>
 * Not API.
 */
final class DnsIpConstraints {
  private static final String NO_DNS = "a CA that permits only IP ranges vouches for no DNS name (stricter than"
      + " RFC 5280, which leaves DNS names unconstrained there): give the CA permitted DNS subtrees too, or use"
      + " IP addresses only";
  private static final String NO_IP = "a CA that permits only DNS names vouches for no IP address (stricter than"
      + " RFC 5280, which leaves IP addresses unconstrained there): give the CA permitted iPAddress ranges too, or"
      + " use DNS names only";

  private final String caName;
  private final String description;
  private final List<String> permittedDns;
  private final List<String> excludedDns = new ArrayList<>();
  private final List<byte[]> permittedIp;
  private final List<byte[]> excludedIp = new ArrayList<>();

  private DnsIpConstraints(X509Certificate ca, boolean anchor, NameConstraints constraints) {
    this.caName = (anchor ? "trust anchor " : "CA ") + ChainChecker.name(ca);
    this.description = NameConstraintRules.describe(constraints);
    List<String> dns = new ArrayList<>();
    List<byte[]> ip = new ArrayList<>();
    read(constraints.getPermittedSubtrees(), dns, ip);
    read(constraints.getExcludedSubtrees(), excludedDns, excludedIp);
    // Permitted DNS or IP subtrees make the CA a list of what it vouches for, in both types.
    this.permittedDns = !dns.isEmpty() || !ip.isEmpty() ? dns : null;
    this.permittedIp = permittedDns != null ? ip : null;
  }

  /**
   * Refuses a DNS or IP subjectAltName, in {@code verified} (leaf first, anchor last), outside the constraints of
   * a CA above it; self-issued intermediates are not checked (RFC 5280 6.1.3).
   */
  static void checkPath(List<X509Certificate> verified) throws CertificateRejectedException {
    for (int j = 1; j < verified.size(); j++) {
      DnsIpConstraints rules = of(verified, j);
      if (rules == null) {
        continue;
      }
      for (int i = 0; i < j; i++) {
        X509Certificate c = verified.get(i);
        if (i > 0 && c.getSubjectX500Principal().equals(c.getIssuerX500Principal())) {
          continue;
        }
        for (GeneralName name : NameConstraintRules.subjectAltNames(c)) {
          rules.check(name, c);
        }
      }
    }
  }

  /** Refuses {@code host}, the name connected to, when it lies outside the constraints of a CA of {@code verified}. */
  static void checkHost(String host, List<X509Certificate> verified) throws CertificateRejectedException {
    String name = HostnameMatcher.normalise(host);
    byte[] ip = HostnameMatcher.ipLiteral(name);
    for (int j = 1; j < verified.size(); j++) {
      DnsIpConstraints rules = of(verified, j);
      if (rules != null) {
        String problem = ip != null ? rules.ipProblem(ip) : rules.dnsProblem(name);
        if (problem != null) {
          throw rules.refusal("the host name " + host + " (the name connected to)", problem);
        }
      }
    }
  }

  private static DnsIpConstraints of(List<X509Certificate> verified, int index)
      throws CertificateRejectedException {
    X509Certificate ca = verified.get(index);
    NameConstraints constraints = NameConstraintRules.constraints(ca);
    try {
      return constraints == null ? null : new DnsIpConstraints(ca, index == verified.size() - 1, constraints);
    } catch (RuntimeException e) {
      throw new CertificateRejectedException(INVALID_CHAIN, "the name constraints of " + ChainChecker.name(ca)
          + " cannot be read (" + e + "); the CA certificate is corrupt", e);
    }
  }

  /** The DNS bases (normalised) and IP subtrees of {@code subtrees}, into the lists. */
  private static void read(GeneralSubtree[] subtrees, List<String> dns, List<byte[]> ip) {
    if (subtrees == null) {
      return;
    }
    for (GeneralSubtree subtree : subtrees) {
      GeneralName base = subtree.getBase();
      if (base.getTagNo() == GeneralName.dNSName) {
        dns.add(normalise(((ASN1String) base.getName()).getString()));
      } else if (base.getTagNo() == GeneralName.iPAddress) {
        ip.add(ASN1OctetString.getInstance(base.getName()).getOctets());
      }
    }
  }

  private void check(GeneralName name, X509Certificate holder) throws CertificateRejectedException {
    String problem;
    try {
      if (name.getTagNo() == GeneralName.dNSName) {
        String dns = normalise(((ASN1String) name.getName()).getString());
        problem = dns.startsWith("*.") ? wildcardProblem(dns.substring(2)) : dnsProblem(dns);
      } else if (name.getTagNo() == GeneralName.iPAddress) {
        problem = ipProblem(ASN1OctetString.getInstance(name.getName()).getOctets());
      } else {
        return;
      }
    } catch (RuntimeException e) {
      throw new CertificateRejectedException(INVALID_CHAIN, "a subjectAltName of " + ChainChecker.name(holder)
          + " cannot be read (" + e + "); the certificate is corrupt", e);
    }
    if (problem != null) {
      throw refusal("the name " + NameConstraintRules.describe(name) + " of " + ChainChecker.name(holder),
          problem);
    }
  }

  private CertificateRejectedException refusal(String what, String problem) {
    return new CertificateRejectedException(NAME_NOT_PERMITTED, what + " lies outside the name constraints of "
        + caName + " (" + description + "): " + problem + "; " + NameConstraintRules.FIX);
  }

  private String dnsProblem(String name) {
    for (String excluded : excludedDns) {
      if (within(name, undotted(excluded))) {
        return excluded.isEmpty() ? "every DNS name is excluded" : "excluded by DNS:" + excluded;
      }
    }
    if (permittedDns == null) {
      return null;
    }
    for (String permitted : permittedDns) {
      if (permitted.startsWith(".") ? name.endsWith(permitted) : within(name, permitted)) {
        return null;
      }
    }
    return permittedDns.isEmpty() ? NO_DNS : "not inside a permitted DNS subtree";
  }

  /** {@code *.domain}: refused when an excluded subtree meets the domain, permitted when all of it is. */
  private String wildcardProblem(String domain) {
    for (String excluded : excludedDns) {
      String e = undotted(excluded);
      if (within(domain, e) || within(e, domain)) {
        return "a wildcard is refused under a CA that excludes names inside its domain ("
            + (excluded.isEmpty() ? "every DNS name" : "DNS:" + excluded) + "), as it would match them: give the"
            + " server a certificate for its exact names";
      }
    }
    if (permittedDns == null) {
      return null;
    }
    for (String permitted : permittedDns) {
      if (within(domain, undotted(permitted))) {
        return null;
      }
    }
    return permittedDns.isEmpty() ? NO_DNS
        : "the wildcard's domain " + domain + " is not inside a permitted DNS subtree";
  }

  private String ipProblem(byte[] address) {
    List<byte[]> forms = forms(address);
    if (forms.isEmpty()) {
      boolean constrained = !excludedIp.isEmpty() || permittedIp != null;
      return constrained ? "an IP address of " + address.length + " bytes is malformed" : null;
    }
    for (byte[] excluded : excludedIp) {
      if (excluded.length != 8 && excluded.length != 32) {
        return "the CA's excluded IP subtree of " + excluded.length + " bytes is malformed and excludes every"
            + " address";
      }
      for (byte[] form : forms) {
        if (inSubnet(form, excluded)) {
          return "excluded by IP:" + NameConstraintRules.ip(excluded);
        }
      }
    }
    if (permittedIp == null) {
      return null;
    }
    for (byte[] permitted : permittedIp) {
      for (byte[] form : forms) {
        if (inSubnet(form, permitted)) {
          return null;
        }
      }
    }
    return permittedIp.isEmpty() ? NO_IP : "not inside a permitted IP subtree";
  }

  /** The 4-byte and 16-byte forms of an IPv4 or IPv4-mapped IPv6 address, the address itself for other IPv6. */
  private static List<byte[]> forms(byte[] address) {
    if (address.length == 4) {
      byte[] mapped = new byte[16];
      mapped[10] = (byte) 0xff;
      mapped[11] = (byte) 0xff;
      System.arraycopy(address, 0, mapped, 12, 4);
      return List.of(address, mapped);
    }
    if (address.length == 16) {
      for (int i = 0; i < 10; i++) {
        if (address[i] != 0) {
          return List.of(address);
        }
      }
      boolean mapped = address[10] == (byte) 0xff && address[11] == (byte) 0xff;
      return mapped ? List.of(Arrays.copyOfRange(address, 12, 16), address) : List.of(address);
    }
    return List.of();
  }

  /** True when {@code address} lies in {@code subtree} (address then mask, twice its length). */
  private static boolean inSubnet(byte[] address, byte[] subtree) {
    if (subtree.length != 2 * address.length) {
      return false;
    }
    for (int i = 0; i < address.length; i++) {
      int mask = subtree[address.length + i];
      if ((address[i] & mask) != (subtree[i] & mask)) {
        return false;
      }
    }
    return true;
  }

  /** True when {@code name} is {@code base} or below it; every name is below the empty base. */
  private static boolean within(String name, String base) {
    return base.isEmpty() || name.equals(base) || name.endsWith("." + base);
  }

  /** A base written {@code .domain} (subdomains only, by some readings) widened to the domain itself. */
  private static String undotted(String base) {
    return base.startsWith(".") ? base.substring(1) : base;
  }

  /** Lower case, no trailing dot. */
  private static String normalise(String name) {
    String n = name.toLowerCase(Locale.ROOT);
    return n.endsWith(".") ? n.substring(0, n.length() - 1) : n;
  }
}
