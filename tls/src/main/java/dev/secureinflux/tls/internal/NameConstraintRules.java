package dev.secureinflux.tls.internal;

import static dev.secureinflux.tls.CertificateRejectedException.Reason.INVALID_CHAIN;
import static dev.secureinflux.tls.CertificateRejectedException.Reason.NAME_NOT_PERMITTED;

import dev.secureinflux.tls.CertificateRejectedException;
import dev.secureinflux.tls.MaterialFormatException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.AttributeTypeAndValue;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.GeneralSubtree;
import org.bouncycastle.asn1.x509.NameConstraintValidatorException;
import org.bouncycastle.asn1.x509.NameConstraints;
import org.bouncycastle.asn1.x509.PKIXNameConstraintValidator;

/**
 * The name constraints of the trust anchor's own certificate (a private CA limited to its domain). The JDK's PKIX
 * validation applies those of intermediates but not the anchor's (it refuses a {@code TrustAnchor} that carries
 * them: "not supported"), so they are applied here, with BouncyCastle's RFC 5280 validator, to the subject,
 * e-mail attributes and subjectAltNames of every certificate below the anchor (self-issued intermediates
 * excepted, RFC 5280 6.1.3). Configured anchors whose constraints that validator cannot apply are refused when the
 * trust material is loaded ({@link #requireSupported}); a fingerprinted CA met in a chain is refused as an invalid
 * chain when the validator fails on it. DNS and IP names are checked once more, exactly, by
 * {@link DnsIpConstraints}. Not API.
 */
public final class NameConstraintRules {
  private static final String NAME_CONSTRAINTS = Extension.nameConstraints.getId();
  private static final String SUBJECT_ALT_NAME = Extension.subjectAlternativeName.getId();
  private static final String[] TYPE_NAMES = {"otherName", "rfc822Name", "dNSName", "x400Address",
      "directoryName", "ediPartyName", "uniformResourceIdentifier", "iPAddress", "registeredID"};

  /** What to do about a name outside a CA's constraints. */
  static final String FIX = "a CA may only vouch for the names its constraints permit: give the server a"
      + " certificate for a permitted name, or trust a CA whose constraints cover it";

  private NameConstraintRules() {}

  /** Refuses the first name in {@code path} (leaf first, anchor excluded) outside {@code anchor}'s constraints. */
  static void checkAnchor(List<X509Certificate> path, X509Certificate anchor) throws CertificateRejectedException {
    NameConstraints constraints = constraints(anchor);
    if (constraints == null) {
      return;
    }
    PKIXNameConstraintValidator validator = new PKIXNameConstraintValidator();
    try {
      if (constraints.getPermittedSubtrees() != null) {
        validator.intersectPermittedSubtree(constraints.getPermittedSubtrees());
      }
      if (constraints.getExcludedSubtrees() != null) {
        for (GeneralSubtree excluded : constraints.getExcludedSubtrees()) {
          validator.addExcludedSubtree(excluded);
        }
      }
    } catch (RuntimeException e) {
      throw cannotApply(anchor, constraints, "", e);
    }
    for (int i = 0; i < path.size(); i++) {
      X509Certificate c = path.get(i);
      if (i > 0 && c.getSubjectX500Principal().equals(c.getIssuerX500Principal())) {
        continue;
      }
      for (GeneralName name : names(c)) {
        try {
          validator.checkPermitted(name);
          validator.checkExcluded(name);
        } catch (NameConstraintValidatorException e) {
          throw new CertificateRejectedException(NAME_NOT_PERMITTED, "the name " + describe(name) + " of "
              + ChainChecker.name(c) + " lies outside the name constraints of trust anchor "
              + ChainChecker.name(anchor) + " (" + describe(constraints) + "); " + FIX, e);
        } catch (RuntimeException e) {
          throw cannotApply(anchor, constraints, " to the name " + describe(name) + " of " + ChainChecker.name(c),
              e);
        }
      }
    }
  }

  /**
   * Refuses, when trust material is loaded, an anchor whose name constraints cannot be applied: unreadable, a
   * subtree of a type BouncyCastle's validator does not handle (x400Address, ediPartyName, registeredID), an
   * iPAddress subtree that is not 8 or 32 bytes, or minimum and maximum other than RFC 5280's 0 and absent.
   *
   * @param source where the certificate comes from (a file, {@code TrustMaterial.certificates}), for the message
   * @throws MaterialFormatException naming the source, the certificate and the constraint
   */
  public static void requireSupported(X509Certificate anchor, String source) {
    String problem;
    try {
      NameConstraints constraints = constraints(anchor);
      problem = constraints == null ? null : unsupported(constraints.getPermittedSubtrees(), "a permitted");
      if (problem == null && constraints != null) {
        problem = unsupported(constraints.getExcludedSubtrees(), "an excluded");
      }
    } catch (CertificateRejectedException | RuntimeException e) {
      problem = "the extension cannot be read (" + (e.getCause() != null ? e.getCause() : e) + ")";
    }
    if (problem != null) {
      throw new MaterialFormatException(source + ": CA certificate " + ChainChecker.name(anchor) + " has name"
          + " constraints this library cannot apply: " + problem + "; supported are dNSName, iPAddress,"
          + " rfc822Name, URI, directoryName and otherName subtrees with minimum 0 and no maximum (RFC 5280"
          + " 4.2.1.10): trust a CA certificate without such constraints, or have it reissued");
    }
  }

  private static String unsupported(GeneralSubtree[] subtrees, String kind) {
    if (subtrees == null) {
      return null;
    }
    for (GeneralSubtree subtree : subtrees) {
      int tag = subtree.getBase().getTagNo();
      if (tag == GeneralName.x400Address || tag == GeneralName.ediPartyName || tag == GeneralName.registeredID) {
        return kind + " subtree of type " + TYPE_NAMES[tag];
      }
      if (tag == GeneralName.iPAddress) {
        int length = ASN1OctetString.getInstance(subtree.getBase().getName()).getOctets().length;
        if (length != 8 && length != 32) {
          return kind + " iPAddress subtree of " + length + " bytes (8 or 32: address and mask)";
        }
      }
      if (subtree.getMinimum().signum() != 0 || subtree.getMaximum() != null) {
        return kind + " subtree " + describe(subtree.getBase()) + " with minimum " + subtree.getMinimum()
            + (subtree.getMaximum() != null ? " and maximum " + subtree.getMaximum() : "");
      }
    }
    return null;
  }

  private static CertificateRejectedException cannotApply(X509Certificate ca, NameConstraints constraints,
      String target, RuntimeException e) {
    return new CertificateRejectedException(INVALID_CHAIN, "the name constraints of trust anchor "
        + ChainChecker.name(ca) + " (" + describe(constraints) + ") cannot be applied" + target + " (" + e
        + "); trust a CA certificate whose constraints use only dNSName, iPAddress, rfc822Name, URI,"
        + " directoryName and otherName subtrees", e);
  }

  /** "'CA' (permitted [..], excluded [..])" for each of {@code cas} that has name constraints. */
  static String describeAll(List<X509Certificate> cas) {
    List<String> out = new ArrayList<>();
    for (X509Certificate ca : cas) {
      try {
        NameConstraints constraints = constraints(ca);
        if (constraints != null) {
          out.add(ChainChecker.name(ca) + " (" + describe(constraints) + ")");
        }
      } catch (CertificateRejectedException | RuntimeException e) {
        out.add(ChainChecker.name(ca) + " (unreadable)");
      }
    }
    return out.isEmpty() ? "a CA of the path" : String.join(" and ", out);
  }

  /** The nameConstraints extension of {@code ca}, or null. */
  static NameConstraints constraints(X509Certificate ca) throws CertificateRejectedException {
    byte[] extension = ca.getExtensionValue(NAME_CONSTRAINTS);
    if (extension == null) {
      return null;
    }
    try {
      return NameConstraints.getInstance(ASN1OctetString.getInstance(extension).getOctets());
    } catch (RuntimeException e) {
      throw new CertificateRejectedException(INVALID_CHAIN, "the name constraints extension of "
          + ChainChecker.name(ca) + " cannot be read (" + e.getMessage() + "); the CA certificate is corrupt", e);
    }
  }

  /** Subject (as directoryName), e-mail attributes of the subject (as rfc822Name), subjectAltNames. */
  private static List<GeneralName> names(X509Certificate c) throws CertificateRejectedException {
    List<GeneralName> names = new ArrayList<>();
    try {
      X500Name subject = X500Name.getInstance(c.getSubjectX500Principal().getEncoded());
      if (subject.getRDNs().length > 0) {
        names.add(new GeneralName(subject));
      }
      for (RDN rdn : subject.getRDNs(PKCSObjectIdentifiers.pkcs_9_at_emailAddress)) {
        for (AttributeTypeAndValue value : rdn.getTypesAndValues()) {
          ASN1Encodable email = value.getValue();
          if (email instanceof ASN1String) {
            names.add(new GeneralName(GeneralName.rfc822Name, ((ASN1String) email).getString()));
          }
        }
      }
    } catch (RuntimeException e) {
      throw unreadable(c, e);
    }
    names.addAll(subjectAltNames(c));
    return names;
  }

  /** The subjectAltNames of {@code c}, as written. */
  static List<GeneralName> subjectAltNames(X509Certificate c) throws CertificateRejectedException {
    try {
      byte[] sans = c.getExtensionValue(SUBJECT_ALT_NAME);
      return sans == null ? List.of()
          : Arrays.asList(GeneralNames.getInstance(ASN1OctetString.getInstance(sans).getOctets()).getNames());
    } catch (RuntimeException e) {
      throw unreadable(c, e);
    }
  }

  private static CertificateRejectedException unreadable(X509Certificate c, RuntimeException e) {
    return new CertificateRejectedException(INVALID_CHAIN, "the names of " + ChainChecker.name(c)
        + " cannot be read for the name constraints check (" + e.getMessage() + ")", e);
  }

  /** "permitted [..], excluded [..]". */
  static String describe(NameConstraints constraints) {
    List<String> parts = new ArrayList<>();
    if (constraints.getPermittedSubtrees() != null) {
      parts.add("permitted " + describe(constraints.getPermittedSubtrees()));
    }
    if (constraints.getExcludedSubtrees() != null) {
      parts.add("excluded " + describe(constraints.getExcludedSubtrees()));
    }
    return String.join(", ", parts);
  }

  private static List<String> describe(GeneralSubtree[] subtrees) {
    List<String> out = new ArrayList<>();
    for (GeneralSubtree subtree : subtrees) {
      out.add(describe(subtree.getBase()));
    }
    return out;
  }

  /** DNS:name, IP:address (or address/prefix in a constraint), email:, URI:, DirName:. */
  static String describe(GeneralName name) {
    switch (name.getTagNo()) {
      case GeneralName.dNSName:
        String dns = name.getName().toString();
        return dns.isEmpty() ? "DNS:\"\"" : "DNS:" + dns;
      case GeneralName.rfc822Name:
        return "email:" + name.getName();
      case GeneralName.uniformResourceIdentifier:
        return "URI:" + name.getName();
      case GeneralName.directoryName:
        return "DirName:" + name.getName();
      case GeneralName.iPAddress:
        return "IP:" + ip(ASN1OctetString.getInstance(name.getName()).getOctets());
      default:
        return TYPE_NAMES[name.getTagNo()];
    }
  }

  /** An address, or address/prefix for a constraint (address and mask). */
  static String ip(byte[] bytes) {
    try {
      if (bytes.length == 4 || bytes.length == 16) {
        return InetAddress.getByAddress(bytes).getHostAddress();
      }
      if (bytes.length == 8 || bytes.length == 32) {
        int half = bytes.length / 2;
        String address = InetAddress.getByAddress(Arrays.copyOf(bytes, half)).getHostAddress();
        return address + "/" + prefix(Arrays.copyOfRange(bytes, half, bytes.length));
      }
    } catch (UnknownHostException e) {
      // Not reached: the lengths are checked (no name is looked up for an address given as bytes).
    }
    return "(" + bytes.length + " bytes)";
  }

  /** The length of a mask of leading ones, or the mask as an address when it is not one. */
  private static String prefix(byte[] mask) throws UnknownHostException {
    int bits = 0;
    while (bits < mask.length * 8 && bit(mask, bits)) {
      bits++;
    }
    for (int i = bits; i < mask.length * 8; i++) {
      if (bit(mask, i)) {
        return InetAddress.getByAddress(mask).getHostAddress();
      }
    }
    return Integer.toString(bits);
  }

  private static boolean bit(byte[] bytes, int index) {
    return (bytes[index / 8] >> (7 - index % 8) & 1) == 1;
  }
}
