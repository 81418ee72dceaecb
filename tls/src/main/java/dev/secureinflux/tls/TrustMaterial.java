package dev.secureinflux.tls;

import dev.secureinflux.tls.internal.CertificateFiles;
import dev.secureinflux.tls.internal.JdkObjects;
import dev.secureinflux.tls.internal.KeyStores;
import dev.secureinflux.tls.internal.MaterialFiles;
import dev.secureinflux.tls.internal.NameConstraintRules;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Which servers to trust: the JDK's trust store, CA certificates from files or memory, SHA-256 fingerprints,
 * or the union of several.
 *
 * <h2>Secure defaults</h2>
 * {@link #system()} is the default of {@code TlsConfig}. Every kind keeps full chain and host name validation on;
 * there is no "trust all".
 *
 * <h2>Files</h2>
 * {@link #pem(Path)} reads a PEM bundle (text between blocks is ignored, CRLF and one-line bodies are fine,
 * {@code CERTIFICATE}, {@code TRUSTED CERTIFICATE} and {@code PKCS7} blocks), a DER certificate or a DER PKCS#7
 * file. {@link #keyStore(Path, char[])} reads a PKCS#12 or JKS store whose type is told from its content. Files
 * are read again each time {@code TlsConfig} builds or reloads; a missing file is refused at once.
 *
 * <h2>Refusals</h2>
 * {@link MaterialFileException} (missing, directory, empty, unreadable), {@link MaterialFormatException} (not a
 * certificate file, a private key where certificates are expected, corrupt or truncated, a CA certificate whose
 * name constraints cannot be applied: x400Address, ediPartyName or registeredID subtrees, a malformed iPAddress
 * subtree, minimum or maximum set), {@link PassphraseException} (wrong store password).
 *
 * <pre>{@code
 * TrustMaterial trust = TrustMaterial.system().and(TrustMaterial.pem(Path.of("/etc/influx/ca.pem")));
 * }</pre>
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class TrustMaterial {
  private static final Pattern HEX64 = Pattern.compile("[0-9a-fA-F]{64}");
  private static final TrustMaterial SYSTEM =
      new TrustMaterial(true, List.of(), Set.of(), List.of());

  private final boolean system;
  private final List<X509Certificate> certificates;
  private final Set<String> fingerprints;
  private final List<FileSource> sources;

  private TrustMaterial(boolean system, List<X509Certificate> certificates, Set<String> fingerprints,
      List<FileSource> sources) {
    this.system = system;
    this.certificates = List.copyOf(certificates);
    this.fingerprints = java.util.Collections.unmodifiableSet(new LinkedHashSet<>(fingerprints));
    this.sources = List.copyOf(sources);
  }

  /** The JDK's own trust store (cacerts). The default when no trust is configured. */
  public static TrustMaterial system() {
    return SYSTEM;
  }

  /**
   * CA certificates read from a PEM bundle, a DER certificate or a PKCS#7 file (PEM or DER).
   *
   * <p>A {@code TRUSTED CERTIFICATE} block ({@code openssl x509 -trustout}) whose OpenSSL trust settings reject
   * serverAuth, or list trusted uses without serverAuth or anyExtendedKeyUsage, is refused
   * ({@link MaterialFormatException}); one trusted for serverAuth, or without trust settings, is an anchor.
   *
   * @throws MaterialFileException now if the file is missing, a directory or empty; the content is read and
   *     checked when {@code TlsConfig} builds or reloads
   */
  public static TrustMaterial pem(Path file) {
    Objects.requireNonNull(file, "file == null");
    MaterialFiles.checkFile(file, "trust file");
    return new TrustMaterial(false, List.of(), Set.of(), List.of(new FileSource(file, null, false)));
  }

  /**
   * The trusted certificate entries of a PKCS#12 or JKS store, its type told from its content (not its name).
   *
   * <p>The password is copied; the copy is kept for as long as this object lives, because every reload reads
   * the store again. It is never printed. {@code null} opens a store without checking its integrity (possible for
   * JKS; a PKCS#12 store usually needs the password to show its certificates). A PKCS#12 store opened with a
   * password must carry a MAC: one without ({@code openssl pkcs12 -export -nomac}) is refused, as nothing would
   * check the password or the certificates.
   *
   * @throws MaterialFileException now if the file is missing, a directory or empty
   */
  public static TrustMaterial keyStore(Path file, char[] storePasswordOrNull) {
    Objects.requireNonNull(file, "file == null");
    MaterialFiles.checkFile(file, "trust store");
    // Defensive copy.
    char[] password = storePasswordOrNull == null ? null : storePasswordOrNull.clone();
    return new TrustMaterial(false, List.of(), Set.of(), List.of(new FileSource(file, password, true)));
  }

  /**
   * A SHA-256 fingerprint of a CA certificate (which becomes a trust anchor, with the whole path validated) or
   * of the server's own certificate (trusted as exactly that certificate).
   *
   * @param sha256Hex 64 hex digits, any case, colons optional ({@code openssl x509 -noout -fingerprint -sha256})
   * @throws IllegalArgumentException if it is not 64 hex digits once colons are removed
   */
  public static TrustMaterial fingerprint(String sha256Hex) {
    Objects.requireNonNull(sha256Hex, "sha256Hex == null");
    String hex = sha256Hex.strip().replace(":", "");
    if (!HEX64.matcher(hex).matches()) {
      String hint = sha256Hex.startsWith("sha256/")
          ? "; this looks like a public key pin: use TlsConfig.Builder.addPin"
          : hex.length() == 40 ? "; 40 digits is a SHA-1 fingerprint: use SHA-256" : "";
      throw new IllegalArgumentException("fingerprint must be 64 hex digits (SHA-256, colons optional): "
          + sha256Hex + hint + "; get it with: openssl x509 -noout -fingerprint -sha256 -in cert.pem");
    }
    return new TrustMaterial(false, List.of(), Set.of(hex.toLowerCase(Locale.ROOT)), List.of());
  }

  /**
   * Explicit CA certificates, copied as JDK certificate objects.
   *
   * @throws IllegalArgumentException if none is given
   */
  public static TrustMaterial certificates(X509Certificate... certificates) {
    Objects.requireNonNull(certificates, "certificates == null");
    if (certificates.length == 0) {
      throw new IllegalArgumentException("certificates must not be empty: give at least one CA certificate");
    }
    List<X509Certificate> copies = new ArrayList<>();
    for (int i = 0; i < certificates.length; i++) {
      Objects.requireNonNull(certificates[i], "certificates[" + i + "] == null");
      copies.add(JdkObjects.certificate(certificates[i]));
    }
    return new TrustMaterial(false, copies, Set.of(), List.of());
  }

  /** The union of this and {@code other}: everything either trusts is trusted. */
  public TrustMaterial and(TrustMaterial other) {
    Objects.requireNonNull(other, "other == null");
    List<X509Certificate> certs = new ArrayList<>(certificates);
    certs.addAll(other.certificates);
    Set<String> prints = new LinkedHashSet<>(fingerprints);
    prints.addAll(other.fingerprints);
    List<FileSource> files = new ArrayList<>(sources);
    for (FileSource s : other.sources) {
      if (!files.contains(s)) {
        files.add(s);
      }
    }
    return new TrustMaterial(system || other.system, certs, prints, files);
  }

  /** Kinds, paths and fingerprints; format unspecified; never contains a password. */
  @Override
  public String toString() {
    List<String> parts = new ArrayList<>();
    if (system) {
      parts.add("system");
    }
    for (X509Certificate c : certificates) {
      parts.add("certificate '" + c.getSubjectX500Principal().getName() + "'");
    }
    for (String f : fingerprints) {
      parts.add("fingerprint " + f);
    }
    for (FileSource s : sources) {
      parts.add(s.toString());
    }
    return "TrustMaterial" + parts;
  }

  // ---- package-private contract used by TlsConfig ----

  /** True when the JDK trust store is part of this material. */
  boolean includesSystem() {
    return system;
  }

  /**
   * Trust anchors from files and explicit certificates, (re)read now, duplicates dropped; an anchor whose name
   * constraints the library cannot apply is refused (MaterialFormatException naming where it came from).
   */
  List<X509Certificate> anchors() {
    Map<ByteBuffer, X509Certificate> unique = new LinkedHashMap<>();
    List<X509Certificate> all = new ArrayList<>(certificates);
    for (X509Certificate c : certificates) {
      NameConstraintRules.requireSupported(c, "TrustMaterial.certificates");
    }
    for (FileSource s : sources) {
      List<X509Certificate> read = s.read();
      for (X509Certificate c : read) {
        NameConstraintRules.requireSupported(c, s.path.toString());
      }
      all.addAll(read);
    }
    for (X509Certificate c : all) {
      try {
        unique.putIfAbsent(ByteBuffer.wrap(c.getEncoded()), c);
      } catch (CertificateEncodingException e) {
        throw new IllegalStateException("certificate cannot be encoded: " + c.getSubjectX500Principal(), e);
      }
    }
    return List.copyOf(unique.values());
  }

  /** SHA-256 fingerprints as lowercase hex without colons. */
  Set<String> fingerprints() {
    return fingerprints;
  }

  /** Files this material reads, for reloading. */
  List<Path> files() {
    List<Path> paths = new ArrayList<>();
    for (FileSource s : sources) {
      if (!paths.contains(s.path)) {
        paths.add(s.path);
      }
    }
    return List.copyOf(paths);
  }

  /** A certificate file or trust store, read on demand. */
  private static final class FileSource {
    final Path path;
    final char[] password;
    final boolean keyStore;

    FileSource(Path path, char[] password, boolean keyStore) {
      this.path = path;
      this.password = password;
      this.keyStore = keyStore;
    }

    List<X509Certificate> read() {
      if (!keyStore) {
        return CertificateFiles.readTrusted(path);
      }
      char[] copy = password == null ? null : password.clone();
      try {
        return KeyStores.readTrusted(path, copy);
      } finally {
        if (copy != null) {
          Arrays.fill(copy, '\0');
        }
      }
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof FileSource && ((FileSource) o).path.equals(path) && ((FileSource) o).keyStore == keyStore
          && Arrays.equals(((FileSource) o).password, password);
    }

    @Override
    public int hashCode() {
      return path.hashCode();
    }

    @Override
    public String toString() {
      return keyStore ? "keyStore " + path + (password == null ? " (no password)" : " (password set)")
          : "pem " + path;
    }
  }
}
