package dev.secureinflux.tls.internal;

import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;

/** Reads a PEM identity: certificate chain and private key, in one file or two. Not API. */
public final class KeyFiles {
  private KeyFiles() {}

  /** Key and certificates of a PEM identity. */
  public static final class Pem {
    public final PrivateKey key;
    public final List<X509Certificate> certificates;

    Pem(PrivateKey key, List<X509Certificate> certificates) {
      this.key = key;
      this.certificates = List.copyOf(certificates);
    }
  }

  /** Reads chain and key; {@code passphrase} may be {@code null}. */
  public static Pem read(Path chainFile, Path keyFile, char[] passphrase) {
    throw new UnsupportedOperationException("not yet");
  }
}
