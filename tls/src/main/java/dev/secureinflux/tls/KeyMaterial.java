package dev.secureinflux.tls;

import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.List;

/**
 * The client's identity for mutual TLS. SHELL: signatures agreed for parallel work.
 */
public final class KeyMaterial {
  private KeyMaterial() {}

  /** Chain and key in PEM, in one file or two ({@code privateKey} may equal {@code certChain}). */
  public static KeyMaterial pem(Path certChain, Path privateKey, char[] passphraseOrNull) {
    throw new UnsupportedOperationException("not yet");
  }

  /** The only key entry of a PKCS#12 or JKS key store; the key password is the store password. */
  public static KeyMaterial keyStore(Path file, char[] storePassword) {
    throw new UnsupportedOperationException("not yet");
  }

  /** A chosen key entry ({@code aliasOrNull}: the only one) of a PKCS#12 or JKS key store. */
  public static KeyMaterial keyStore(Path file, char[] storePassword, char[] keyPasswordOrNull, String aliasOrNull) {
    throw new UnsupportedOperationException("not yet");
  }

  // ---- package-private contract used by TlsConfig ----

  /** Loads and checks key and chain now (match, order, validity at {@code clock}, permissions). */
  Identity load(Clock clock) {
    throw new UnsupportedOperationException("not yet");
  }

  /** Files this material reads, for reloading. */
  List<Path> files() {
    throw new UnsupportedOperationException("not yet");
  }

  /** A loaded, checked private key with its chain, leaf first. */
  static final class Identity {
    final PrivateKey key;
    final List<X509Certificate> chain;

    Identity(PrivateKey key, List<X509Certificate> chain) {
      this.key = key;
      this.chain = List.copyOf(chain);
    }
  }
}
