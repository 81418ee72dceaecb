package dev.secureinflux.tls.internal;

import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.security.auth.x500.X500Principal;

/** One immutable generation of trust: anchors (system and configured) and fingerprints. Not API. */
public final class TrustState {
  private final Map<X500Principal, List<X509Certificate>> anchorsBySubject;
  private final Map<String, X509Certificate> anchorsByFingerprint;
  private final Set<String> fingerprints;

  /** Anchors (duplicates dropped) and SHA-256 fingerprints (lowercase hex, no colons). */
  public TrustState(List<X509Certificate> anchors, Set<String> fingerprints) {
    Map<String, X509Certificate> byFingerprint = new LinkedHashMap<>();
    for (X509Certificate a : anchors) {
      byFingerprint.putIfAbsent(Pins.fingerprint(a), a);
    }
    Map<X500Principal, List<X509Certificate>> bySubject = new HashMap<>();
    for (X509Certificate a : byFingerprint.values()) {
      bySubject.computeIfAbsent(a.getSubjectX500Principal(), k -> new ArrayList<>()).add(a);
    }
    bySubject.replaceAll((k, v) -> List.copyOf(v));
    this.anchorsBySubject = Map.copyOf(bySubject);
    this.anchorsByFingerprint = Map.copyOf(byFingerprint);
    this.fingerprints = Set.copyOf(fingerprints);
  }

  /** Anchors whose subject is {@code issuer}. */
  List<X509Certificate> anchorsFor(X500Principal issuer) {
    return anchorsBySubject.getOrDefault(issuer, List.of());
  }

  /** True when {@code certificate} is itself one of the anchors. */
  boolean isAnchor(X509Certificate certificate) {
    return anchorsByFingerprint.containsKey(Pins.fingerprint(certificate));
  }

  /** True when {@code certificate}'s SHA-256 fingerprint was configured. */
  public boolean isFingerprinted(X509Certificate certificate) {
    return !fingerprints.isEmpty() && fingerprints.contains(Pins.fingerprint(certificate));
  }

  /** All anchors, for {@code getAcceptedIssuers()}. */
  X509Certificate[] acceptedIssuers() {
    return anchorsByFingerprint.values().toArray(new X509Certificate[0]);
  }
}
