package dev.secureinflux.benchmarks;

import dev.secureinflux.tls.KeyMaterial;
import java.nio.file.Path;

/**
 * The client key formats the build figures try, as files in one directory ({@link Material} writes them). Loads no
 * testkit or BouncyCastle class itself.
 */
enum Identity {
  /** No client certificate: the CA file only. */
  NONE("PEM CA only, no client key", null, null),
  PKCS8("PEM CA + PEM client key, PKCS#8", "client.pem", "client-key.pem"),
  PKCS8_ENCRYPTED("PEM CA + PEM client key, encrypted PKCS#8 (PBES2, AES-256)", "client.pem",
      "client-key-encrypted.pem"),
  PKCS1("PEM CA + PEM client key, PKCS#1 RSA", "rsa-client.pem", "rsa-client-key-pkcs1.pem"),
  SEC1("PEM CA + PEM client key, SEC1 EC", "client.pem", "client-key-sec1.pem"),
  PKCS12("PEM CA + PKCS#12 client key store", null, "client.p12");

  static final String CA = "ca.pem";
  static final char[] PASSPHRASE = "bench-throwaway-passphrase".toCharArray();

  final String label;
  final String chain;
  final String key;

  Identity(String label, String chain, String key) {
    this.label = label;
    this.chain = chain;
    this.key = key;
  }

  /** The secured client's key material for this format, read from {@code dir}; {@code null} for {@link #NONE}. */
  KeyMaterial material(Path dir) {
    return switch (this) {
      case NONE -> null;
      case PKCS8, PKCS1, SEC1 -> KeyMaterial.pem(dir.resolve(chain), dir.resolve(key), null);
      case PKCS8_ENCRYPTED -> KeyMaterial.pem(dir.resolve(chain), dir.resolve(key), PASSPHRASE.clone());
      case PKCS12 -> KeyMaterial.keyStore(dir.resolve(key), PASSPHRASE.clone());
    };
  }

  /** The endpoint the build figures use: {@code url} (never connected), the CA and, but for NONE, PEM PKCS#8. */
  static Endpoint endpoint(Path dir, String url, boolean withKey) {
    return new Endpoint("build", url, "bench", "bench-password".toCharArray(), dir.resolve(CA),
        withKey ? dir.resolve(PKCS8.chain) : null, withKey ? dir.resolve(PKCS8.key) : null);
  }
}
