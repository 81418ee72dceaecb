package dev.secureinflux.tls.internal;

import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;

/** Reads PKCS#12 and JKS stores, the type told from the content. Not API. */
public final class KeyStores {
  private KeyStores() {}

  /** A key entry: key, chain as stored, and its alias. */
  public static final class Entry {
    public final PrivateKey key;
    public final List<X509Certificate> chain;
    public final String alias;

    Entry(PrivateKey key, List<X509Certificate> chain, String alias) {
      this.key = key;
      this.chain = List.copyOf(chain);
      this.alias = alias;
    }
  }

  /** A key entry of a store. */
  public static Entry readKeyEntry(Path file, char[] storePassword, char[] keyPassword, String alias) {
    throw new UnsupportedOperationException("not yet");
  }

  /** The trusted certificate entries of a store. */
  public static List<X509Certificate> readTrusted(Path file, char[] password) {
    throw new UnsupportedOperationException("not yet");
  }
}
