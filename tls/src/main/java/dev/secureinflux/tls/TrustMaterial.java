package dev.secureinflux.tls;

import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Set;

/**
 * Which servers to trust. SHELL: signatures agreed for parallel work; bodies are filled in by the material work.
 */
public final class TrustMaterial {
  private TrustMaterial() {}

  /** The JDK's own trust store (cacerts). The default when no trust is configured. */
  public static TrustMaterial system() {
    throw new UnsupportedOperationException("not yet");
  }

  /** CA certificates read from a PEM (or DER / PKCS#7) bundle. */
  public static TrustMaterial pem(Path file) {
    throw new UnsupportedOperationException("not yet");
  }

  /** Trusted certificates of a PKCS#12 or JKS store, its type told from its content. */
  public static TrustMaterial keyStore(Path file, char[] storePasswordOrNull) {
    throw new UnsupportedOperationException("not yet");
  }

  /** A SHA-256 fingerprint (hex, colons optional, any case) of a CA certificate or of the server's own. */
  public static TrustMaterial fingerprint(String sha256Hex) {
    throw new UnsupportedOperationException("not yet");
  }

  /** Explicit CA certificates. */
  public static TrustMaterial certificates(X509Certificate... certificates) {
    throw new UnsupportedOperationException("not yet");
  }

  /** The union of this and {@code other}. */
  public TrustMaterial and(TrustMaterial other) {
    throw new UnsupportedOperationException("not yet");
  }

  // ---- package-private contract used by TlsConfig ----

  /** True when the JDK trust store is part of this material. */
  boolean includesSystem() {
    throw new UnsupportedOperationException("not yet");
  }

  /** Trust anchors from files and explicit certificates, (re)read now; throws TlsMaterialException. */
  List<X509Certificate> anchors() {
    throw new UnsupportedOperationException("not yet");
  }

  /** SHA-256 fingerprints as lowercase hex without colons. */
  Set<String> fingerprints() {
    throw new UnsupportedOperationException("not yet");
  }

  /** Files this material reads, for reloading. */
  List<Path> files() {
    throw new UnsupportedOperationException("not yet");
  }
}
