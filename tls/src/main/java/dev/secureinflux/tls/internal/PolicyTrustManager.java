package dev.secureinflux.tls.internal;

import static dev.secureinflux.tls.CertificateRejectedException.Reason.CIPHER_SUITE_NOT_ALLOWED;
import static dev.secureinflux.tls.CertificateRejectedException.Reason.HOSTNAME_MISMATCH;
import static dev.secureinflux.tls.CertificateRejectedException.Reason.NOT_A_SERVER_CHECK;
import static dev.secureinflux.tls.CertificateRejectedException.Reason.NO_PEER_HOST;
import static dev.secureinflux.tls.CertificateRejectedException.Reason.PIN_MISMATCH;
import static dev.secureinflux.tls.CertificateRejectedException.Reason.PROTOCOL_NOT_ALLOWED;
import static dev.secureinflux.tls.CertificateRejectedException.Reason.UNTRUSTED;

import dev.secureinflux.tls.CertificateRejectedException;
import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.HostnameVerifier;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * The trust manager of a TlsConfig: negotiated protocol and suite, chain (own checks plus PKIX), host name,
 * then pins, for every server handshake. Refuses client checks. Thread-safe; trust swapped atomically, each swap
 * a new generation. Every session it verifies carries the generation that verified it (an application value,
 * which the JDK shares with the session's TLS 1.3 tickets and resumptions), for {@link #isCurrent}. Not API.
 */
public final class PolicyTrustManager extends X509ExtendedTrustManager {
  /** Session value: the {@link Generation} whose trust verified the session's chain. */
  static final String GENERATION_KEY = "dev.secureinflux.tls.generation";

  private final AtomicReference<Generation> current;
  private final Set<String> pins;
  private final TlsPolicy policy;
  private final Clock clock;

  /** Checks with {@code initial} trust, {@code pins} (normalised), {@code policy}, validity at {@code clock}. */
  public PolicyTrustManager(TrustState initial, Set<String> pins, TlsPolicy policy, Clock clock) {
    this.current = new AtomicReference<>(new Generation(Objects.requireNonNull(initial, "initial == null"), 0));
    this.pins = Set.copyOf(pins);
    this.policy = Objects.requireNonNull(policy, "policy == null");
    this.clock = Objects.requireNonNull(clock, "clock == null");
  }

  /**
   * Builds the swap to {@code next}, a new generation, and returns the step that publishes it, which allocates
   * nothing and cannot fail: chains checked after it are checked with {@code next}, and sessions verified before
   * are no longer {@linkplain #isCurrent current}. Swaps must not overlap between the two calls.
   */
  public Runnable prepareSwap(TrustState next) {
    Objects.requireNonNull(next, "next == null");
    Generation published = new Generation(next, current.get().number + 1);
    return () -> current.set(published);
  }

  /** True when this trust manager verified {@code session}'s chain with the trust in use now. */
  public boolean isCurrent(SSLSession session) {
    // TLS 1.3 tickets and resumed sessions share the application values of the session they came from.
    return session != null && session.getValue(GENERATION_KEY) == current.get();
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
      throws CertificateException {
    SSLSession session = socket instanceof SSLSocket ? ((SSLSocket) socket).getHandshakeSession() : null;
    check(chain, session, session != null ? session.getPeerHost() : null);
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
      throws CertificateException {
    SSLSession session = engine != null ? engine.getHandshakeSession() : null;
    String host = session != null ? session.getPeerHost() : null;
    check(chain, session, host != null ? host : engine != null ? engine.getPeerHost() : null);
  }

  /** Always refused: without a socket or engine there is no peer host to check the certificate against. */
  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
    check(chain, null, null);
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
      throws CertificateException {
    checkClientTrusted(chain, authType);
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
      throws CertificateException {
    checkClientTrusted(chain, authType);
  }

  /** Always refused: this trust manager belongs to a TLS client and only checks servers. */
  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
    throw new CertificateRejectedException(NOT_A_SERVER_CHECK, "this trust manager belongs to a TLS client"
        + " (secureinflux TlsConfig) and only checks server certificates; build a server's trust manager"
        + " elsewhere");
  }

  /** The trust anchors (system and configured); fingerprinted certificates are not listed. */
  @Override
  public X509Certificate[] getAcceptedIssuers() {
    return current.get().trust.acceptedIssuers();
  }

  /**
   * The host name rule as a verifier, with the exact-certificate exception for a fingerprinted leaf; false for a
   * session that is not {@linkplain #isCurrent current} (verified before the last swap, or not by this trust
   * manager): a socket created before a reload can resume such a session without any check.
   */
  public HostnameVerifier hostnameVerifier() {
    return this::verifyHost;
  }

  private boolean verifyHost(String host, SSLSession session) {
    if (host == null || session == null || !isCurrent(session)) {
      return false;
    }
    try {
      X509Certificate leaf = (X509Certificate) session.getPeerCertificates()[0];
      return current.get().trust.isFingerprinted(leaf) || HostnameMatcher.matches(host, leaf);
    } catch (SSLPeerUnverifiedException | ClassCastException e) {
      return false;
    }
  }

  private void check(X509Certificate[] chain, SSLSession session, String host) throws CertificateException {
    if (chain == null || chain.length == 0) {
      throw new CertificateRejectedException(UNTRUSTED, "the server sent no certificate");
    }
    if (host == null || host.isEmpty()) {
      throw new CertificateRejectedException(NO_PEER_HOST, "the TLS handshake has no peer host name, so "
          + ChainChecker.name(chain[0]) + " cannot be checked against it; create the socket or SSLEngine with"
          + " a host name (createSocket(host, port) or createSSLEngine(host, port))");
    }
    if (session != null) {
      checkNegotiated(session);
    }
    Generation generation = current.get();
    TrustState trust = generation.trust;
    List<X509Certificate> verified = ChainChecker.verify(chain, trust, clock);
    X509Certificate leaf = chain[0];
    if (!trust.isFingerprinted(leaf) && !HostnameMatcher.matches(host, leaf)) {
      List<String> sans = HostnameMatcher.describeSans(leaf);
      throw new CertificateRejectedException(HOSTNAME_MISMATCH, "host name " + host + " does not match "
          + ChainChecker.name(leaf) + ": "
          + (sans.isEmpty() ? "the certificate has no subjectAltName (the common name is never used)"
              : "its subjectAltNames are " + sans)
          + "; connect with a name the certificate lists, reissue it with a subjectAltName for " + host
          + ", or trust exactly this certificate by its fingerprint");
    }
    DnsIpConstraints.checkHost(host, verified); // The name connected to, under every CA's constraints.
    if (!pins.isEmpty() && !Pins.anyMatch(verified, pins)) {
      throw new CertificateRejectedException(PIN_MISMATCH, Pins.mismatchMessage(host, verified, pins));
    }
    if (session != null) {
      session.putValue(GENERATION_KEY, generation);
    }
  }

  private void checkNegotiated(SSLSession session) throws CertificateRejectedException {
    String protocol = session.getProtocol();
    if (protocol != null && !protocol.equals("NONE") && !policy.protocols().contains(protocol)) {
      throw new CertificateRejectedException(PROTOCOL_NOT_ALLOWED, "the handshake negotiated " + protocol
          + ", outside the policy " + policy.protocols() + "; do not widen the enabled protocols of sockets"
          + " or engines made by TlsConfig");
    }
    String suite = session.getCipherSuite();
    if (suite != null && !suite.startsWith("SSL_NULL") && !policy.cipherSuites().contains(suite)) {
      throw new CertificateRejectedException(CIPHER_SUITE_NOT_ALLOWED, "the handshake negotiated " + suite
          + ", outside the policy " + policy.cipherSuites() + "; do not widen the enabled cipher suites of"
          + " sockets or engines made by TlsConfig");
    }
  }

  /** One trust generation; its identity marks the sessions it verified. */
  private static final class Generation {
    final TrustState trust;
    final long number;

    Generation(TrustState trust, long number) {
      this.trust = trust;
      this.number = number;
    }

    @Override
    public String toString() {
      return "secureinflux trust generation " + number;
    }
  }
}
