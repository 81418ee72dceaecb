package dev.secureinflux.tls;

import dev.secureinflux.tls.internal.JdkObjects;
import dev.secureinflux.tls.internal.JdkTls;
import dev.secureinflux.tls.internal.MaterialWatcher;
import dev.secureinflux.tls.internal.Pins;
import dev.secureinflux.tls.internal.PolicySslContext;
import dev.secureinflux.tls.internal.PolicyTrustManager;
import dev.secureinflux.tls.internal.SwappableKeyManager;
import dev.secureinflux.tls.internal.TlsLog;
import dev.secureinflux.tls.internal.TlsPolicy;
import dev.secureinflux.tls.internal.TrustState;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.function.Supplier;
import javax.net.ssl.HostnameVerifier;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSessionContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * TLS client settings that cannot be made insecure: an {@link SSLContext}, trust manager, socket factory,
 * host name verifier and {@link SSLParameters} for OkHttp, {@code java.net.http.HttpClient} or
 * {@code HttpsURLConnection}.
 *
 * <h2>Secure defaults</h2>
 * TLS 1.3 and 1.2 only, TLS 1.2 with ECDHE and AEAD suites only ({@link #DEFAULT_PROTOCOLS},
 * {@link #DEFAULT_CIPHER_SUITES}); trust in the JDK's trust store unless {@link Builder#trust} says otherwise.
 * Every server chain is validated with PKIX and, whatever the JDK's {@code java.security} allows, refused when
 * a certificate below the anchor is signed with SHA-1 or MD5, has an RSA key under 2048 or an EC key under 256
 * bits, when an intermediate is not a CA, the leaf's extended key usage excludes serverAuth or its keyUsage
 * extension lacks digitalSignature, or a name lies outside the name constraints of a CA of the path (the trust
 * anchor's own included; DNS and IP names as TLS reads them, and a CA that permits only DNS names vouches for no
 * IP address, and the reverse). The host name is checked by subjectAltName only, inside the trust manager,
 * so every client gets the check. Pins are checked in addition to validation. There is no switch to turn any of
 * this off. Refusals reach the caller as an {@code SSLHandshakeException} caused by a
 * {@link CertificateRejectedException}.
 *
 * <h2>Handshake signature schemes</h2>
 * The signature schemes of the handshake itself (the server's {@code CertificateVerify} in TLS 1.3, its
 * {@code ServerKeyExchange} signature in TLS 1.2) are not restricted by this library: on JDK 17 they cannot be set
 * per socket or per context ({@code SSLParameters.setSignatureSchemes} arrives only in JDK 19). The JVM-wide system
 * property {@code jdk.tls.client.SignatureSchemes} (and {@code jdk.tls.disabledAlgorithms} in
 * {@code java.security}) is the administrator's tool for that, for example
 * {@code -Djdk.tls.client.SignatureSchemes=ecdsa_secp256r1_sha256,ecdsa_secp384r1_sha384,ed25519,rsa_pss_rsae_sha256}
 * to keep SHA-1 out of TLS 1.2 handshakes; the library never sets it. Signatures on the certificates are checked
 * by the library itself, as above.
 *
 * <h2>Mutual TLS and rotation</h2>
 * {@link Builder#identity} adds a client certificate. Material read from files is re-read by {@link #reload()}
 * or, with {@link Builder#reloading}, when the files change; new handshakes use the new material, open
 * connections go on, and no session verified before the reload is resumed by a socket or engine created after
 * it. {@link #isCurrent(SSLSession)} tells a connection pool which connections to retire. A config with
 * {@link Builder#reloading} must be {@link #close() closed} to stop its watcher thread.
 *
 * <pre>{@code
 * TlsConfig tls = TlsConfig.builder().trust(TrustMaterial.pem(Path.of("ca.pem"))).build();
 * okHttpBuilder.sslSocketFactory(tls.socketFactory(), tls.trustManager())
 *     .hostnameVerifier(tls.hostnameVerifier());
 * }</pre>
 *
 * <p>Immutable apart from reloading, thread-safe, meant to be shared.
 *
 * @since 0.1
 */
public final class TlsConfig implements AutoCloseable {
  /** TLS protocol versions allowed, newest first. Defaults may tighten in future releases. */
  public static final List<String> DEFAULT_PROTOCOLS = TlsPolicy.PROTOCOLS;

  /** Cipher suites allowed: TLS 1.3 suites, then TLS 1.2 ECDHE with AES-GCM or ChaCha20-Poly1305. */
  public static final List<String> DEFAULT_CIPHER_SUITES = TlsPolicy.CIPHER_SUITES;

  private final TrustMaterial trust;
  private final KeyMaterial identity;
  private final Clock clock;
  private final TlsPolicy policy;
  private final List<X509Certificate> systemAnchors;
  private final PolicyTrustManager trustManager;
  private final SwappableKeyManager keyManager = new SwappableKeyManager();
  private final PolicySslContext sslContext;
  private final Function<TrustMaterial, List<X509Certificate>> anchorReader;
  private final Supplier<SSLContext> jdkContexts;
  private final List<ReloadListener> listeners;
  private final MaterialWatcher watcher;
  private final Object reloadLock = new Object();

  private TlsConfig(Builder b) {
    this.trust = b.trust;
    this.identity = b.identity;
    this.clock = b.clock;
    this.anchorReader = b.anchorReader;
    this.jdkContexts = b.jdkContexts;
    this.policy = TlsPolicy.of(b.protocols, b.cipherSuites, JdkTls.protocols(), JdkTls.cipherSuites());
    this.systemAnchors = trust.includesSystem() ? systemAnchors() : List.of();
    this.trustManager = new PolicyTrustManager(loadTrust(), b.pins, policy, clock);
    loadIdentity();
    this.listeners = new CopyOnWriteArrayList<>(b.listeners);
    this.sslContext = PolicySslContext.wrap(newJdkContext(), policy);
    List<Path> files = files();
    this.watcher = b.reloadInterval != null && !files.isEmpty()
        ? new MaterialWatcher(files, b.reloadInterval, this::reloadQuietly) : null;
  }

  /** A new builder: JDK trust store, no client certificate, no pins, the default protocols and suites. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The context: its socket factory, engines and default/supported parameters carry the policy; it cannot be
   * re-initialised ({@code init} throws) and has no server socket factory.
   *
   * <p>With reloading, this object stays the same, and each socket or engine belongs to the material of the moment
   * it was created: one created before a {@link #reload()} and connected after it may resume a session verified
   * with the old trust, without any check (an unconnected {@code socketFactory().createSocket()} made ahead of
   * time, an engine kept for later). Create sockets and engines when you connect, or check
   * {@link #isCurrent(SSLSession)} (or {@link #hostnameVerifier()}, which refuses such a session) after the
   * handshake.
   */
  public SSLContext sslContext() {
    return sslContext;
  }

  /**
   * The trust manager the context uses (an {@code X509ExtendedTrustManager}); for OkHttp's second argument. It
   * checks every full handshake with the current trust (chain, host name, pins, protocol and suite).
   *
   * <p>Put into an {@code SSLContext} of your own, it still checks each full handshake, but that context's session
   * cache is yours: a session it verified before a {@link #reload()} is resumed after it without any check, so
   * such a context gets none of the reload protection of {@link #sslContext()}. Use {@link #sslContext()} or
   * {@link #socketFactory()}.
   */
  public X509TrustManager trustManager() {
    return trustManager;
  }

  /**
   * Sockets from this factory have only the policy's protocols and cipher suites enabled. The factory stays valid
   * across reloads (each socket comes from the context current at its creation); a socket created before a
   * {@link #reload()} belongs to the old material, as explained at {@link #sslContext()}.
   */
  public SSLSocketFactory socketFactory() {
    return sslContext.getSocketFactory();
  }

  /**
   * The subjectAltName-only host name rule (the one the trust manager enforces), accepting a server whose
   * certificate is trusted by its own fingerprint; for OkHttp and {@code HttpsURLConnection}. It refuses a session
   * that is not {@linkplain #isCurrent(SSLSession) current}: one verified before the last reload (resumed by a
   * socket created before it) or not verified by this config at all. OkHttp calls it after every new connection's
   * handshake (not for pooled connections); {@code HttpsURLConnection} only when the JDK's own host name check
   * fails, so there it adds nothing to the trust manager's check.
   */
  public HostnameVerifier hostnameVerifier() {
    return trustManager.hostnameVerifier();
  }

  /** A new copy of the policy's parameters, for {@code java.net.http.HttpClient.Builder.sslParameters}. */
  public SSLParameters sslParameters() {
    return policy.parameters();
  }

  /** Enabled protocol versions, in preference order. */
  public List<String> protocols() {
    return policy.protocols();
  }

  /** Enabled cipher suites, in preference order. */
  public List<String> cipherSuites() {
    return policy.cipherSuites();
  }

  /**
   * Re-reads trust and identity files now and swaps them in (key and chain together), then calls the reload
   * listeners. Every socket and engine created after this returns makes a full handshake with the new material
   * or resumes a session verified with it: sessions verified before, including those whose TLS 1.3 ticket
   * arrives later on a connection that was open during the reload, are never offered again. Connections open
   * now go on; {@link #isCurrent(SSLSession)} is false for them.
   *
   * <p>A failure of any kind while reading (an exception, or an {@code Error} such as a
   * {@code StackOverflowError}) is logged on {@code System.Logger} {@code dev.secureinflux.tls}, leaves the
   * material in use untouched and is thrown on. A listener that throws is logged and does not stop the others.
   *
   * @throws TlsMaterialException when a file is missing or broken; the old material stays in use
   */
  public void reload() {
    synchronized (reloadLock) {
      Runnable publishKey;
      Runnable publishTrust;
      Runnable publishContext;
      SSLSessionContext oldSessions;
      try {
        TrustState nextTrust = loadTrust();
        KeyMaterial.Identity nextIdentity = identity != null ? identity.load(clock) : null;
        SSLContext nextContext = newJdkContext();
        // Everything that can fail (reading, allocating) happens before anything is published.
        publishKey = keyManager.prepareSwap(nextIdentity != null ? nextIdentity.key : null,
            nextIdentity != null ? nextIdentity.chain : List.of());
        publishTrust = trustManager.prepareSwap(nextTrust);
        oldSessions = sslContext.getClientSessionContext();
        publishContext = sslContext.prepareRenew(nextContext);
      } catch (RuntimeException | Error e) {
        logReloadFailure(e);
        throw e;
      }
      // Three plain writes that allocate nothing and cannot fail, so the reload is published whole or not at all.
      // Key first, then trust: a chain verified with the new trust is answered with the new key. The context
      // last: its sockets see only sessions verified with the new trust.
      publishKey.run();
      publishTrust.run();
      publishContext.run();
      dropSessions(oldSessions);
    }
    for (ReloadListener listener : listeners) {
      try {
        listener.reloaded(this);
      } catch (RuntimeException | Error e) {
        TlsLog.get().log(System.Logger.Level.ERROR, "reload listener " + listener + " failed: " + e, e);
      }
    }
  }

  /**
   * True when this config's trust manager verified {@code session}'s certificate chain with the material in use
   * now: the handshake (or the one it resumed) came after the last reload, and so did the choice of the client
   * certificate. False for a session verified before the last {@link #reload()}, by another config, or never
   * verified by this config; a connection pool retires connections whose session is not current.
   */
  public boolean isCurrent(SSLSession session) {
    return trustManager.isCurrent(Objects.requireNonNull(session, "session == null"));
  }

  /**
   * Stops file watching, if any (required for a config built with {@link Builder#reloading}, whose watcher thread
   * runs until then); the context keeps working with the material it has.
   */
  @Override
  public void close() {
    if (watcher != null) {
      watcher.close();
    }
  }

  /** Format unspecified; never contains secrets. */
  @Override
  public String toString() {
    return "TlsConfig{trust=" + trust + ", identity=" + (identity != null) + ", protocols=" + protocols()
        + ", reloading=" + (watcher != null) + "}";
  }

  /**
   * The watcher's reload. Whatever the failure, reload() has logged it and left the material in use untouched;
   * the watcher goes on and loads the files again when they next change. That holds for a VirtualMachineError
   * too (a StackOverflowError from a deeply nested file, an OutOfMemoryError from a huge one): the objects of the
   * failed load are garbage by now, and a watcher that stopped would freeze the material without a word.
   */
  private void reloadQuietly() {
    try {
      reload();
    } catch (RuntimeException | Error e) {
      // Logged by reload(); the watcher tries again on the next change.
    }
  }

  private void logReloadFailure(Throwable e) {
    String what = e instanceof TlsMaterialException ? e.getMessage() : e.toString();
    String message = "reload of " + files() + " failed, keeping the previous material: " + what;
    if (e instanceof TlsMaterialException) {
      TlsLog.get().log(System.Logger.Level.ERROR, message);
    } else {
      TlsLog.get().log(System.Logger.Level.ERROR, message, e);
    }
  }

  private SSLContext newJdkContext() {
    try {
      SSLContext jdk = jdkContexts.get();
      jdk.init(new KeyManager[] {keyManager}, new TrustManager[] {trustManager}, null);
      return jdk;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot initialise the JDK's TLS context", e);
    }
  }

  private List<Path> files() {
    Set<Path> out = new LinkedHashSet<>(trust.files());
    if (identity != null) {
      out.addAll(identity.files());
    }
    return List.copyOf(out);
  }

  private TrustState loadTrust() {
    List<X509Certificate> anchors = new ArrayList<>(systemAnchors);
    anchors.addAll(anchorReader.apply(trust));
    TrustState state = new TrustState(anchors, trust.fingerprints());
    if (anchors.isEmpty() && trust.fingerprints().isEmpty()) {
      throw new TlsMaterialException("the trust material " + trust + " holds no certificate and no"
          + " fingerprint, so no server could be trusted; add a CA certificate or a fingerprint");
    }
    return state;
  }

  private void loadIdentity() {
    if (identity != null) {
      KeyMaterial.Identity loaded = identity.load(clock);
      keyManager.swap(loaded.key, loaded.chain);
    }
  }

  /** Invalidates the sessions of the previous context's cache (no new socket looks there anyway). */
  private static void dropSessions(SSLSessionContext sessions) {
    try {
      for (byte[] id : Collections.list(sessions.getIds())) {
        SSLSession session = sessions.getSession(id);
        if (session != null) {
          session.invalidate();
        }
      }
    } catch (RuntimeException | Error e) {
      // Housekeeping only: the new material is in use, the listeners must still hear of it.
      TlsLog.get().log(System.Logger.Level.ERROR, "dropping the sessions of the previous material: " + e, e);
    }
  }

  private static List<X509Certificate> systemAnchors() {
    try {
      TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      factory.init((KeyStore) null);
      for (TrustManager tm : factory.getTrustManagers()) {
        if (tm instanceof X509TrustManager) {
          List<X509Certificate> anchors = new ArrayList<>();
          for (X509Certificate c : ((X509TrustManager) tm).getAcceptedIssuers()) {
            // With BouncyCastle registered first, cacerts may come back as its objects: re-parse those.
            anchors.add(c.getClass().getName().startsWith("sun.security.") ? c : JdkObjects.certificate(c));
          }
          return List.copyOf(anchors);
        }
      }
      throw new TlsMaterialException("the JDK's trust store offers no X509TrustManager; use explicit trust");
    } catch (GeneralSecurityException e) {
      throw new TlsMaterialException("cannot read the JDK's trust store (cacerts): " + e.getMessage()
          + "; check javax.net.ssl.trustStore or use explicit trust material", e);
    }
  }

  /** Called after new material was swapped in, on the thread that reloaded. */
  @FunctionalInterface
  public interface ReloadListener {
    /** New handshakes of {@code config} now use the new material (for example: evict pooled connections). */
    void reloaded(TlsConfig config);
  }

  /** Collects settings for a {@link TlsConfig}; mutable, not thread-safe. */
  public static final class Builder {
    private TrustMaterial trust;
    private KeyMaterial identity;
    private final Set<String> pins = new LinkedHashSet<>();
    private List<String> protocols;
    private List<String> cipherSuites;
    private Duration reloadInterval;
    private final List<ReloadListener> listeners = new ArrayList<>();
    private Clock clock = Clock.systemUTC();
    private Function<TrustMaterial, List<X509Certificate>> anchorReader = TrustMaterial::anchors;
    private Supplier<SSLContext> jdkContexts = JdkTls::newContext;

    private Builder() {}

    /** Which servers to trust. Default: {@link TrustMaterial#system()}, the JDK's trust store. */
    public Builder trust(TrustMaterial trust) {
      this.trust = Objects.requireNonNull(trust, "trust == null");
      return this;
    }

    /** The client certificate for mutual TLS. Default: none (servers that require one refuse the handshake). */
    public Builder identity(KeyMaterial identity) {
      this.identity = Objects.requireNonNull(identity, "identity == null");
      return this;
    }

    /**
     * Adds a pin {@code sha256/<base64 of the SubjectPublicKeyInfo's SHA-256>} (OkHttp/HPKP format); a server
     * passes when one certificate of its verified chain (anchor included) has one of the pins. Checked in
     * addition to validation, never instead. Default: no pins.
     *
     * @throws IllegalArgumentException a malformed pin (named in the message)
     */
    public Builder addPin(String pin) {
      pins.add(Pins.parse(Objects.requireNonNull(pin, "pin == null")));
      return this;
    }

    /**
     * Narrows the protocol versions to some of {@link #DEFAULT_PROTOCOLS}. Default: all of them that the JDK
     * supports.
     *
     * @throws IllegalArgumentException a name outside the policy; checked again against the JDK in build()
     */
    public Builder protocols(String... protocols) {
      this.protocols = checkNames("protocols", protocols, DEFAULT_PROTOCOLS);
      return this;
    }

    /**
     * Narrows the cipher suites to some of {@link #DEFAULT_CIPHER_SUITES}. Default: all of them that the JDK
     * supports.
     *
     * @throws IllegalArgumentException a name outside the policy; checked again against the JDK in build()
     */
    public Builder cipherSuites(String... cipherSuites) {
      this.cipherSuites = checkNames("cipherSuites", cipherSuites, DEFAULT_CIPHER_SUITES);
      return this;
    }

    /**
     * Watches the trust and identity files (following symbolic links) and reloads when they change, polling
     * every {@code interval} as the fallback; a reload that fails in any way (broken files, or an {@code Error}
     * such as {@code StackOverflowError} or {@code OutOfMemoryError} while reading them) keeps the old material,
     * is logged, and the watcher goes on: the next change of a file is loaded again. The watching runs on a
     * daemon thread of its own that only {@link TlsConfig#close()} stops: a config built with this must be closed
     * when no longer needed (try-with-resources, or close the client that owns it), otherwise the thread keeps
     * polling until the JVM exits, even after the config is no longer used. Default: no watching
     * ({@link TlsConfig#reload()} still works).
     *
     * @throws IllegalArgumentException an interval that is not positive
     */
    public Builder reloading(Duration interval) {
      Objects.requireNonNull(interval, "interval == null");
      if (interval.isNegative() || interval.isZero()) {
        throw new IllegalArgumentException("reloading interval must be positive: " + interval);
      }
      this.reloadInterval = interval;
      return this;
    }

    /** Adds a listener called after each swap of material. Default: none. */
    public Builder addReloadListener(ReloadListener listener) {
      listeners.add(Objects.requireNonNull(listener, "listener == null"));
      return this;
    }

    /** The clock that certificate validity checks use (chosen for tests). Default: the system clock (UTC). */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock == null");
      return this;
    }

    /** Test seam: how the trust material's anchors are read, at build and at each reload. */
    Builder anchorReader(Function<TrustMaterial, List<X509Certificate>> anchorReader) {
      this.anchorReader = Objects.requireNonNull(anchorReader, "anchorReader == null");
      return this;
    }

    /** Test seam: where the JDK contexts (one at build, one per reload) come from, before their init. */
    Builder jdkContexts(Supplier<SSLContext> jdkContexts) {
      this.jdkContexts = Objects.requireNonNull(jdkContexts, "jdkContexts == null");
      return this;
    }

    /**
     * Loads the material and builds the configuration.
     *
     * @throws UnsupportedTlsParameterException a requested protocol or suite the JDK does not support
     * @throws IllegalStateException protocols and cipher suites with nothing usable in common
     * @throws TlsMaterialException trust or identity material that cannot be loaded or is invalid
     *     (its subclasses name the file and the fix; a CA certificate whose name constraints cannot be applied is
     *     a {@link MaterialFormatException}), or trust without any certificate or fingerprint
     */
    public TlsConfig build() {
      if (trust == null) {
        trust = TrustMaterial.system();
      }
      return new TlsConfig(this);
    }

    private static List<String> checkNames(String method, String[] names, List<String> policy) {
      Objects.requireNonNull(names, method + " == null");
      List<String> list = Arrays.asList(names.clone()); // Defensive copy.
      // The full check (policy, JDK support) runs in build(); out-of-policy names fail here already.
      TlsPolicy.checkInPolicy(method, list, policy);
      return List.copyOf(list);
    }
  }
}
