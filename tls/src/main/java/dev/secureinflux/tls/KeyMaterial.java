package dev.secureinflux.tls;

import dev.secureinflux.tls.internal.Chains;
import dev.secureinflux.tls.internal.JdkObjects;
import dev.secureinflux.tls.internal.KeyFiles;
import dev.secureinflux.tls.internal.KeyStores;
import dev.secureinflux.tls.internal.MaterialFiles;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The client's identity for mutual TLS: a private key and its certificate chain, from PEM files, a PKCS#12 or
 * JKS key store, or memory.
 *
 * <h2>Formats</h2>
 * Keys in PKCS#8, encrypted PKCS#8 (PBES2 with AES, or older PBE schemes), PKCS#1 RSA, SEC1 EC (with or without
 * an {@code EC PARAMETERS} block) and OpenSSL's legacy encrypted PEM ({@code Proc-Type: 4,ENCRYPTED}); RSA, EC
 * P-256/P-384 and Ed25519. Chain and key may share one file. Key stores: PKCS#12 or JKS, told from the content.
 *
 * <h2>Checks, each time the material is loaded</h2>
 * The chain is put in order (leaf first, each next certificate the issuer of the previous, duplicates
 * dropped); the key must belong to the leaf ({@link KeyMismatchException}); a certificate that does not link is
 * refused ({@link KeyMismatchException}); an expired or not yet valid certificate is refused ({@link
 * CertificateValidityException}) and one that expires within 30 days is logged as a WARNING through {@code
 * System.getLogger("dev.secureinflux.tls")}; a PEM key file or a key store readable or writable by group or
 * others is refused ({@link InsecureKeyFileException}: {@code chmod 600}; trust stores are not checked). Other
 * refusals: {@link MaterialFileException}, {@link MaterialFormatException}, {@link PassphraseException},
 * {@link KeyStoreAliasException}.
 *
 * <h2>Passwords</h2>
 * Passphrases and passwords are copied on the way in. The copy is kept for as long as this object lives,
 * because each reload of {@code TlsConfig} reads the files again; working copies are zero-filled after use.
 * They never appear in {@link #toString()} or in exception messages.
 *
 * <pre>{@code
 * KeyMaterial identity = KeyMaterial.pem(Path.of("client.crt"), Path.of("client.key"), null);
 * }</pre>
 */
public final class KeyMaterial {
  private final Source source;
  private final List<Path> files;

  private KeyMaterial(Source source, List<Path> files) {
    this.source = source;
    this.files = List.copyOf(files);
  }

  /**
   * Chain and key in PEM, in one file or two ({@code privateKey} may equal {@code certChain}).
   *
   * @param passphraseOrNull the key's passphrase (copied), {@code null} for an unencrypted key
   * @throws MaterialFileException now if a file is missing, a directory or empty; content, permissions and the
   *     checks above are applied when {@code TlsConfig} builds or reloads
   */
  public static KeyMaterial pem(Path certChain, Path privateKey, char[] passphraseOrNull) {
    Objects.requireNonNull(certChain, "certChain == null");
    Objects.requireNonNull(privateKey, "privateKey == null");
    MaterialFiles.checkFile(certChain, "certificate chain file");
    MaterialFiles.checkFile(privateKey, "private key file");
    // Defensive copy.
    char[] passphrase = passphraseOrNull == null ? null : passphraseOrNull.clone();
    List<Path> files = certChain.equals(privateKey) ? List.of(certChain) : List.of(certChain, privateKey);
    return new KeyMaterial(new PemSource(certChain, privateKey, passphrase), files);
  }

  /**
   * The only key entry of a PKCS#12 or JKS key store; the key password is the store password.
   *
   * @throws MaterialFileException now if the file is missing, a directory or empty; content, permissions (the
   *     store must not be readable or writable by group or others: {@link InsecureKeyFileException}) and the
   *     checks above are applied when {@code TlsConfig} builds or reloads
   */
  public static KeyMaterial keyStore(Path file, char[] storePassword) {
    return keyStore(file, storePassword, null, null);
  }

  /**
   * A chosen key entry of a PKCS#12 or JKS key store, its type told from its content.
   *
   * @param storePassword the store password (copied)
   * @param keyPasswordOrNull the entry's password (copied); {@code null}: the store password
   * @param aliasOrNull the entry; {@code null}: the only key entry (several without an alias are refused)
   * @throws MaterialFileException now if the file is missing, a directory or empty; content, permissions (the
   *     store must not be readable or writable by group or others: {@link InsecureKeyFileException}) and the
   *     checks above are applied when {@code TlsConfig} builds or reloads
   */
  public static KeyMaterial keyStore(Path file, char[] storePassword, char[] keyPasswordOrNull, String aliasOrNull) {
    Objects.requireNonNull(file, "file == null");
    Objects.requireNonNull(storePassword, "storePassword == null");
    MaterialFiles.checkFile(file, "key store");
    // Defensive copies.
    char[] store = storePassword.clone();
    char[] key = keyPasswordOrNull == null ? null : keyPasswordOrNull.clone();
    return new KeyMaterial(new KeyStoreSource(file, store, key, aliasOrNull), List.of(file));
  }

  /**
   * A key and chain already in memory, copied (as JDK objects); the chain may be in any order and must hold
   * the key's certificate. Match, order and validity are checked when {@code TlsConfig} builds.
   *
   * @throws IllegalArgumentException if the chain is empty
   * @throws MaterialFormatException if the key type is not supported
   */
  public static KeyMaterial of(PrivateKey key, List<X509Certificate> chain) {
    Objects.requireNonNull(key, "key == null");
    Objects.requireNonNull(chain, "chain == null");
    if (chain.isEmpty()) {
      throw new IllegalArgumentException("chain must not be empty: give at least the key's certificate");
    }
    List<X509Certificate> copies = new ArrayList<>();
    for (int i = 0; i < chain.size(); i++) {
      copies.add(JdkObjects.certificate(Objects.requireNonNull(chain.get(i), "chain[" + i + "] == null")));
    }
    PrivateKey jdkKey = JdkObjects.privateKey(key, "in-memory key");
    return new KeyMaterial(new MemorySource(jdkKey, copies), List.of());
  }

  /** Kind and paths (or the leaf's subject); format unspecified; never contains a password or key bytes. */
  @Override
  public String toString() {
    return "KeyMaterial[" + source + "]";
  }

  // ---- package-private contract used by TlsConfig ----

  /** Loads and checks key and chain now (match, order, validity at {@code clock}, permissions). */
  Identity load(Clock clock) {
    Objects.requireNonNull(clock, "clock == null");
    Raw raw = source.read();
    List<X509Certificate> chain = Chains.normalise(raw.key, raw.certificates, raw.where);
    Chains.checkValidity(chain, clock, raw.where);
    return new Identity(raw.key, chain);
  }

  /** Files this material reads, for reloading. */
  List<Path> files() {
    return files;
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

  /** Key and certificates as read, before the checks; {@code where} names the source for messages. */
  private static final class Raw {
    final PrivateKey key;
    final List<X509Certificate> certificates;
    final String where;

    Raw(PrivateKey key, List<X509Certificate> certificates, String where) {
      this.key = key;
      this.certificates = certificates;
      this.where = where;
    }
  }

  private interface Source {
    Raw read();
  }

  private static final class MemorySource implements Source {
    private final PrivateKey key;
    private final List<X509Certificate> chain;

    MemorySource(PrivateKey key, List<X509Certificate> chain) {
      this.key = key;
      this.chain = List.copyOf(chain);
    }

    @Override
    public Raw read() {
      return new Raw(key, chain, "in-memory identity");
    }

    @Override
    public String toString() {
      return "in-memory " + key.getAlgorithm() + " key, chain " + chain.size() + " certificate(s), first '"
          + chain.get(0).getSubjectX500Principal().getName() + "'";
    }
  }

  private static final class PemSource implements Source {
    private final Path chainFile;
    private final Path keyFile;
    private final char[] passphrase;

    PemSource(Path chainFile, Path keyFile, char[] passphrase) {
      this.chainFile = chainFile;
      this.keyFile = keyFile;
      this.passphrase = passphrase;
    }

    @Override
    public Raw read() {
      char[] copy = passphrase == null ? null : passphrase.clone();
      try {
        KeyFiles.Pem pem = KeyFiles.read(chainFile, keyFile, copy);
        String where = chainFile.equals(keyFile) ? "identity file " + chainFile
            : "certificate chain " + chainFile + " with key " + keyFile;
        return new Raw(pem.key, pem.certificates, where);
      } finally {
        if (copy != null) {
          Arrays.fill(copy, '\0');
        }
      }
    }

    @Override
    public String toString() {
      return "pem chain=" + chainFile + ", key=" + keyFile + (passphrase == null ? "" : ", passphrase=<redacted>");
    }
  }

  private static final class KeyStoreSource implements Source {
    private final Path file;
    private final char[] storePassword;
    private final char[] keyPassword;
    private final String alias;

    KeyStoreSource(Path file, char[] storePassword, char[] keyPassword, String alias) {
      this.file = file;
      this.storePassword = storePassword;
      this.keyPassword = keyPassword;
      this.alias = alias;
    }

    @Override
    public Raw read() {
      char[] store = storePassword.clone();
      char[] key = (keyPassword != null ? keyPassword : storePassword).clone();
      try {
        KeyStores.Entry entry = KeyStores.readKeyEntry(file, store, key, alias);
        return new Raw(entry.key, entry.chain, "key store " + file + " alias '" + entry.alias + "'");
      } finally {
        Arrays.fill(store, '\0');
        Arrays.fill(key, '\0');
      }
    }

    @Override
    public String toString() {
      return "keyStore " + file + (alias == null ? "" : ", alias=" + alias) + ", password=<redacted>";
    }
  }
}
