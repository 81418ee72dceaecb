package dev.secureinflux.tls.internal;

import dev.secureinflux.tls.UnsupportedTlsParameterException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/**
 * The protocol versions and cipher suites a TlsConfig enables, checked against the policy and the JDK, and
 * applied to every socket, engine and parameter set. Not API.
 */
public final class TlsPolicy {
  /** TLS 1.3 and 1.2, newest first. */
  public static final List<String> PROTOCOLS = List.of("TLSv1.3", "TLSv1.2");

  /** TLS 1.3 suites, then TLS 1.2 ECDHE suites with AEAD ciphers only (AES-GCM, ChaCha20-Poly1305). */
  public static final List<String> CIPHER_SUITES = List.of(
      "TLS_AES_128_GCM_SHA256",
      "TLS_AES_256_GCM_SHA384",
      "TLS_CHACHA20_POLY1305_SHA256",
      "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256",
      "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
      "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384",
      "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
      "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256",
      "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256");

  private final List<String> protocols;
  private final List<String> cipherSuites;

  private TlsPolicy(List<String> protocols, List<String> cipherSuites) {
    this.protocols = List.copyOf(protocols);
    this.cipherSuites = List.copyOf(cipherSuites);
  }

  /**
   * The policy for the requested names ({@code null}: the defaults), given what the JDK supports.
   *
   * @throws IllegalArgumentException a name outside the policy
   * @throws UnsupportedTlsParameterException a requested name the JDK does not support
   * @throws IllegalStateException protocols and cipher suites that have nothing in common
   */
  public static TlsPolicy of(List<String> requestedProtocols, List<String> requestedSuites,
      Set<String> supportedProtocols, Set<String> supportedSuites) {
    List<String> protocols = select("protocol", "protocols", requestedProtocols, PROTOCOLS, supportedProtocols);
    List<String> suites = select("cipher suite", "cipherSuites", requestedSuites, CIPHER_SUITES, supportedSuites);
    boolean tls13Suite = suites.stream().anyMatch(s -> !s.startsWith("TLS_ECDHE_"));
    boolean tls12Suite = suites.stream().anyMatch(s -> s.startsWith("TLS_ECDHE_"));
    if ((protocols.contains("TLSv1.3") && tls13Suite) || (protocols.contains("TLSv1.2") && tls12Suite)) {
      return new TlsPolicy(protocols, suites);
    }
    throw new IllegalStateException("protocols(" + String.join(", ", protocols) + ") and cipherSuites("
        + String.join(", ", suites) + ") cannot be used together: no suite is usable with these protocols;"
        + " TLSv1.3 needs a TLS_AES_*/TLS_CHACHA20_* suite, TLSv1.2 a TLS_ECDHE_* suite");
  }

  /** Checks requested names against the policy and the JDK; the defaults lose (and log) what the JDK lacks. */
  static List<String> select(String kind, String method, List<String> requested, List<String> policy,
      Set<String> supported) {
    if (requested == null) {
      List<String> out = new ArrayList<>();
      for (String name : policy) {
        if (supported.contains(name)) {
          out.add(name);
        } else {
          TlsLog.get().log(System.Logger.Level.WARNING, "the running JDK does not support the " + kind + " " + name
              + "; it is left out of the defaults");
        }
      }
      if (out.isEmpty()) {
        throw new UnsupportedTlsParameterException("the running JDK supports none of the policy's " + kind
            + "s " + policy + "; use a JDK with TLS 1.2/1.3 AEAD support, or check jdk.tls.disabledAlgorithms");
      }
      return List.copyOf(out);
    }
    checkInPolicy(method, requested, policy);
    Set<String> out = new LinkedHashSet<>();
    for (String name : requested) {
      if (!supported.contains(name)) {
        throw new UnsupportedTlsParameterException("the running JDK does not support the " + kind + " " + name
            + " (or its jdk.tls.disabledAlgorithms disables it); leave it out of " + method + "() or use a JDK"
            + " that has it");
      }
      out.add(name);
    }
    return List.copyOf(out);
  }

  /** IAE unless {@code names} is a non-empty list of names from {@code policy}; {@code method} names the caller. */
  public static void checkInPolicy(String method, List<String> names, List<String> policy) {
    String kind = method.equals("protocols") ? "protocol" : "cipher suite";
    if (names.isEmpty()) {
      throw new IllegalArgumentException(method + "() needs at least one " + kind + "; allowed: "
          + String.join(", ", policy));
    }
    for (String name : names) {
      Objects.requireNonNull(name, kind + " == null");
      if (!policy.contains(name)) {
        throw new IllegalArgumentException(kind + " " + name + " is outside the policy; " + method
            + "() may only narrow it to some of: " + String.join(", ", policy));
      }
    }
  }

  /** Enabled protocol versions, in preference order. */
  public List<String> protocols() {
    return protocols;
  }

  /** Enabled cipher suites, in preference order. */
  public List<String> cipherSuites() {
    return cipherSuites;
  }

  /** New parameters carrying only the policy's protocols and suites. */
  public SSLParameters parameters() {
    return new SSLParameters(cipherSuites.toArray(new String[0]), protocols.toArray(new String[0]));
  }

  /** Restricts {@code socket} to the policy and returns it. */
  public SSLSocket apply(SSLSocket socket) {
    SSLParameters p = socket.getSSLParameters();
    restrict(p);
    socket.setSSLParameters(p);
    return socket;
  }

  /** Restricts {@code engine} to the policy and returns it. */
  public SSLEngine apply(SSLEngine engine) {
    SSLParameters p = engine.getSSLParameters();
    restrict(p);
    engine.setSSLParameters(p);
    return engine;
  }

  private void restrict(SSLParameters p) {
    p.setProtocols(protocols.toArray(new String[0]));
    p.setCipherSuites(cipherSuites.toArray(new String[0]));
  }
}
