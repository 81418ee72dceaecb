package dev.secureinflux.tls.internal;

import java.security.Provider;
import org.bouncycastle.jce.provider.BouncyCastleProvider;

/**
 * The one BouncyCastle provider instance this module passes to BouncyCastle's API where it needs one (PEM and
 * PKCS#8 decryption, PKCS#12 MACs). It is never registered with {@code java.security.Security}. Not API.
 */
final class BouncyCastle {
  /** Created on first use; shared, as providers are thread-safe. */
  static final Provider PROVIDER = new BouncyCastleProvider();

  private BouncyCastle() {}
}
