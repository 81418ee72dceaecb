package dev.secureinflux.tls.internal;

import java.net.Socket;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;

/**
 * The client's key manager: one identity (key and chain), swapped atomically as a pair. Each generation has
 * its own alias, so a handshake that chose an alias gets key and chain of the same generation even when a swap
 * happens in between. Serves no server identity. Not API.
 */
public final class SwappableKeyManager extends X509ExtendedKeyManager {
  private static final String ALIAS_PREFIX = "secureinflux-client-";

  private final AtomicLong generations = new AtomicLong();
  private final AtomicReference<Generations> current = new AtomicReference<>(new Generations(null, null));

  /** An identity to serve from now on ({@code key == null}: none). */
  public void swap(PrivateKey key, List<X509Certificate> chain) {
    prepareSwap(key, chain).run();
  }

  /**
   * Builds the swap to {@code key} and {@code chain} ({@code key == null}: none) and returns the step that
   * publishes it, which allocates nothing and cannot fail. Swaps must not overlap between the two calls.
   */
  public Runnable prepareSwap(PrivateKey key, List<X509Certificate> chain) {
    Entry next = key == null ? null
        : new Entry(ALIAS_PREFIX + generations.incrementAndGet(), key, chain.toArray(new X509Certificate[0]));
    Generations published = new Generations(next, current.get().current);
    return () -> current.set(published);
  }

  @Override
  public String chooseClientAlias(String[] keyTypes, Principal[] issuers, Socket socket) {
    Entry e = current.get().current;
    if (e == null || keyTypes == null) {
      return null;
    }
    String algorithm = e.key.getAlgorithm().toUpperCase(Locale.ROOT);
    for (String type : keyTypes) {
      if (type != null && fits(algorithm, type.toUpperCase(Locale.ROOT))) {
        return e.alias;
      }
    }
    return null;
  }

  @Override
  public String chooseEngineClientAlias(String[] keyTypes, Principal[] issuers, SSLEngine engine) {
    return chooseClientAlias(keyTypes, issuers, null);
  }

  private static boolean fits(String keyAlgorithm, String type) {
    if (type.equals(keyAlgorithm)) {
      return true;
    }
    return keyAlgorithm.startsWith("ED") && (type.equals("EDDSA") || type.startsWith("ED"));
  }

  @Override
  public String[] getClientAliases(String keyType, Principal[] issuers) {
    String alias = chooseClientAlias(new String[] {keyType}, issuers, null);
    return alias == null ? null : new String[] {alias};
  }

  @Override
  public X509Certificate[] getCertificateChain(String alias) {
    Entry e = current.get().find(alias);
    return e == null ? null : e.chain.clone();
  }

  @Override
  public PrivateKey getPrivateKey(String alias) {
    Entry e = current.get().find(alias);
    return e == null ? null : e.key;
  }

  /** Client only: no server identity. */
  @Override
  public String[] getServerAliases(String keyType, Principal[] issuers) {
    return null;
  }

  /** Client only: no server identity. */
  @Override
  public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
    return null;
  }

  /** Client only: no server identity. */
  @Override
  public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
    return null;
  }

  /** The current identity and the one before it (for handshakes that chose its alias just before a swap). */
  private static final class Generations {
    final Entry current;
    final Entry previous;

    Generations(Entry current, Entry previous) {
      this.current = current;
      this.previous = previous;
    }

    Entry find(String alias) {
      if (current != null && current.alias.equals(alias)) {
        return current;
      }
      return previous != null && previous.alias.equals(alias) ? previous : null;
    }
  }

  private static final class Entry {
    final String alias;
    final PrivateKey key;
    final X509Certificate[] chain;

    Entry(String alias, PrivateKey key, X509Certificate[] chain) {
      this.alias = alias;
      this.key = Objects.requireNonNull(key, "key == null");
      this.chain = chain;
    }
  }
}
