package dev.secureinflux.tls.internal;

import static dev.secureinflux.tls.CertificateRejectedException.Reason.EXPIRED;
import static dev.secureinflux.tls.CertificateRejectedException.Reason.INVALID_CHAIN;
import static dev.secureinflux.tls.CertificateRejectedException.Reason.NAME_NOT_PERMITTED;
import static dev.secureinflux.tls.CertificateRejectedException.Reason.NOT_A_CA;
import static dev.secureinflux.tls.CertificateRejectedException.Reason.NOT_YET_VALID;
import static dev.secureinflux.tls.CertificateRejectedException.Reason.UNTRUSTED;
import static dev.secureinflux.tls.CertificateRejectedException.Reason.WRONG_KEY_USAGE;

import dev.secureinflux.tls.CertificateRejectedException;
import dev.secureinflux.tls.CertificateRejectedException.Reason;
import java.security.GeneralSecurityException;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertPathValidatorException.BasicReason;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.CertificateParsingException;
import java.security.cert.PKIXParameters;
import java.security.cert.PKIXReason;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Set;

/**
 * Finds the path from the server's leaf to a trust anchor, applies the policy's own checks to it (dates, keys,
 * signatures, CA flags, the leaf's extended key usage and keyUsage), then the JDK's PKIX validation (revocation
 * off, date from the clock), then the anchor's own name constraints, which PKIX leaves out, then the DNS and IP
 * names under every CA's constraints as TLS reads them ({@link DnsIpConstraints}). Not API.
 */
final class ChainChecker {
  private static final String SERVER_AUTH = "1.3.6.1.5.5.7.3.1";
  private static final String ANY_EKU = "2.5.29.37.0";
  private static final int MAX_PATH = 10;

  private ChainChecker() {}

  /** The verified path, leaf first, the anchor last; throws when any check refuses. */
  static List<X509Certificate> verify(X509Certificate[] chain, TrustState state, Clock clock)
      throws CertificateRejectedException {
    Date now = Date.from(clock.instant());
    X509Certificate leaf = chain[0];
    if (state.isFingerprinted(leaf) || state.isAnchor(leaf)) {
      // Trusted as exactly this certificate: dates and key strength still count.
      checkValidity(leaf, now);
      AlgorithmRules.checkKey(leaf);
      return List.of(leaf);
    }
    List<X509Certificate> path = new ArrayList<>();
    X509Certificate anchor = buildPath(chain, state, path);
    AlgorithmRules.checkKey(anchor);
    for (int i = 0; i < path.size(); i++) {
      X509Certificate c = path.get(i);
      checkValidity(c, now);
      AlgorithmRules.checkKey(c);
      AlgorithmRules.checkSignature(c);
      if (i > 0 && c.getBasicConstraints() < 0) {
        throw new CertificateRejectedException(NOT_A_CA, "intermediate certificate " + name(c)
            + " is not a CA (basicConstraints CA=false or missing), so it may not issue " + name(path.get(i - 1))
            + "; the server must send a chain issued by a real CA certificate");
      }
    }
    if (state.isFingerprinted(anchor) && !state.isAnchor(anchor) && anchor.getBasicConstraints() < 0) {
      throw new CertificateRejectedException(NOT_A_CA, "fingerprinted certificate " + name(anchor)
          + " is not a CA (basicConstraints), so it cannot vouch for " + name(path.get(path.size() - 1))
          + "; configure the fingerprint of the CA that issued the chain, or of the server certificate itself");
    }
    checkServerAuth(leaf);
    checkDigitalSignature(leaf);
    pkix(path, anchor, now);
    NameConstraintRules.checkAnchor(path, anchor); // PKIX applied the intermediates' constraints, not the anchor's.
    List<X509Certificate> verified = new ArrayList<>(path);
    verified.add(anchor);
    DnsIpConstraints.checkPath(verified); // DNS and IP names as TLS reads them, under every CA.
    return List.copyOf(verified);
  }

  /** Leaf to (excluded) anchor into {@code path}; returns the anchor. */
  private static X509Certificate buildPath(X509Certificate[] chain, TrustState state, List<X509Certificate> path)
      throws CertificateRejectedException {
    List<X509Certificate> unused = new ArrayList<>(List.of(chain).subList(1, chain.length));
    X509Certificate current = chain[0];
    X509Certificate misSigned = null;
    while (path.size() < MAX_PATH) {
      path.add(current);
      for (X509Certificate a : state.anchorsFor(current.getIssuerX500Principal())) {
        if (signedBy(current, a)) {
          return a;
        }
        misSigned = a;
      }
      X509Certificate next = issuerIn(current, unused);
      if (next == null) {
        if (misSigned != null) {
          return misSigned; // PKIX reports the bad signature.
        }
        throw new CertificateRejectedException(UNTRUSTED, "no trusted path for " + name(chain[0]) + ": issuer "
            + current.getIssuerX500Principal().getName() + " of " + name(current)
            + " is neither a trust anchor nor a fingerprinted certificate"
            + (chain.length > 1 ? " (a fingerprinted certificate that is merely in the chain proves nothing)" : "")
            + "; trust the CA that issued it (TrustMaterial.pem/certificates/fingerprint)");
      }
      unused.remove(next);
      if (state.isFingerprinted(next) || state.isAnchor(next)) {
        return next;
      }
      current = next;
    }
    throw new CertificateRejectedException(UNTRUSTED, "no trusted path for " + name(chain[0])
        + " within " + MAX_PATH + " certificates; trust the CA that issued it");
  }

  private static X509Certificate issuerIn(X509Certificate c, List<X509Certificate> candidates) {
    X509Certificate byName = null;
    for (X509Certificate candidate : candidates) {
      if (candidate.getSubjectX500Principal().equals(c.getIssuerX500Principal())) {
        if (signedBy(c, candidate)) {
          return candidate;
        }
        byName = byName != null ? byName : candidate;
      }
    }
    return byName;
  }

  private static boolean signedBy(X509Certificate c, X509Certificate issuer) {
    try {
      c.verify(issuer.getPublicKey());
      return true;
    } catch (GeneralSecurityException | RuntimeException e) {
      return false;
    }
  }

  private static void checkValidity(X509Certificate c, Date now) throws CertificateRejectedException {
    try {
      c.checkValidity(now);
    } catch (CertificateExpiredException e) {
      throw new CertificateRejectedException(EXPIRED, "certificate " + name(c) + " expired on "
          + c.getNotAfter().toInstant() + " (now " + now.toInstant() + "); the server must be given a renewed"
          + " certificate", e);
    } catch (CertificateNotYetValidException e) {
      throw new CertificateRejectedException(NOT_YET_VALID, "certificate " + name(c) + " is not valid before "
          + c.getNotBefore().toInstant() + " (now " + now.toInstant() + "); check the clocks of client and"
          + " server", e);
    }
  }

  private static void checkServerAuth(X509Certificate leaf) throws CertificateRejectedException {
    List<String> eku;
    try {
      eku = leaf.getExtendedKeyUsage();
    } catch (CertificateParsingException e) {
      throw new CertificateRejectedException(WRONG_KEY_USAGE, "server certificate " + name(leaf)
          + " has an unreadable extended key usage extension", e);
    }
    if (eku != null && !eku.contains(SERVER_AUTH) && !eku.contains(ANY_EKU)) {
      throw new CertificateRejectedException(WRONG_KEY_USAGE, "server certificate " + name(leaf)
          + " has an extended key usage " + eku + " without serverAuth (" + SERVER_AUTH + "); it is not meant"
          + " for a TLS server: issue the server a certificate with EKU serverAuth");
    }
  }

  /**
   * The policy allows only TLS 1.3 and ECDHE suites, where the server's key signs the handshake: a keyUsage
   * extension, when present, must include digitalSignature (RFC 5280 4.2.1.3, RFC 8446 4.4.2.2).
   */
  private static void checkDigitalSignature(X509Certificate leaf) throws CertificateRejectedException {
    boolean[] usage = leaf.getKeyUsage();
    if (usage != null && (usage.length == 0 || !usage[0])) {
      throw new CertificateRejectedException(WRONG_KEY_USAGE, "server certificate " + name(leaf)
          + " has a keyUsage extension " + keyUsages(usage) + " without digitalSignature; with TLS 1.3 and ECDHE"
          + " suites (the only ones allowed) the server's key must sign the handshake: issue the server a"
          + " certificate with keyUsage digitalSignature");
    }
  }

  private static List<String> keyUsages(boolean[] usage) {
    String[] names = {"digitalSignature", "nonRepudiation", "keyEncipherment", "dataEncipherment", "keyAgreement",
        "keyCertSign", "cRLSign", "encipherOnly", "decipherOnly"};
    List<String> out = new ArrayList<>();
    for (int i = 0; i < usage.length && i < names.length; i++) {
      if (usage[i]) {
        out.add(names[i]);
      }
    }
    return out;
  }

  private static void pkix(List<X509Certificate> path, X509Certificate anchor, Date now)
      throws CertificateRejectedException {
    try {
      PKIXParameters params = new PKIXParameters(Set.of(new TrustAnchor(anchor, null)));
      params.setRevocationEnabled(false);
      params.setDate(now);
      CertPathValidator.getInstance("PKIX", JdkObjects.SUN) // The JDK's validator, whoever is registered first.
          .validate(JdkObjects.certificateFactory().generateCertPath(path), params);
    } catch (CertPathValidatorException e) {
      Reason reason = e.getReason() == BasicReason.EXPIRED ? EXPIRED
          : e.getReason() == BasicReason.NOT_YET_VALID ? NOT_YET_VALID
          : e.getReason() == PKIXReason.NO_TRUST_ANCHOR ? UNTRUSTED
          : e.getReason() == PKIXReason.NOT_CA_CERT ? NOT_A_CA
          : e.getReason() == PKIXReason.INVALID_NAME ? NAME_NOT_PERMITTED
          : INVALID_CHAIN;
      int index = e.getIndex() >= 0 && e.getIndex() < path.size() ? e.getIndex() : 0;
      X509Certificate at = path.get(index);
      if (reason == NAME_NOT_PERMITTED) {
        throw new CertificateRejectedException(reason, "the names of " + name(at) + " lie outside the name"
            + " constraints of " + NameConstraintRules.describeAll(path.subList(index + 1, path.size()))
            + " (PKIX: " + e.getMessage() + "); " + NameConstraintRules.FIX, e);
      }
      throw new CertificateRejectedException(reason, "PKIX validation of " + name(at) + " up to anchor "
          + name(anchor) + " failed: " + e.getMessage() + "; the server must send a valid chain to a trusted CA",
          e);
    } catch (GeneralSecurityException e) {
      throw new CertificateRejectedException(INVALID_CHAIN, "cannot validate the chain of " + name(path.get(0))
          + ": " + e.getMessage(), e);
    } catch (RuntimeException e) {
      // The JDK's validator fails so on some constraints (an excluded zero-length dNSName).
      throw new CertificateRejectedException(INVALID_CHAIN, "PKIX validation of " + name(path.get(0))
          + " up to anchor " + name(anchor) + " failed with " + e + " (name constraints on the path: "
          + NameConstraintRules.describeAll(path.subList(1, path.size())) + "); the JDK cannot validate this"
          + " chain: the server must send a chain through CA certificates without such constraints", e);
    }
  }

  static String name(X509Certificate c) {
    return "'" + c.getSubjectX500Principal().getName() + "'";
  }
}
