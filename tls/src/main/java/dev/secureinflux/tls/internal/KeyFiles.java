package dev.secureinflux.tls.internal;

import dev.secureinflux.tls.MaterialFormatException;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/** Reads a PEM identity: certificate chain and private key, in one file or two. Not API. */
public final class KeyFiles {
  private KeyFiles() {}

  /** Key and certificates of a PEM identity, the chain as found (not yet normalised). */
  public static final class Pem {
    public final PrivateKey key;
    public final List<X509Certificate> certificates;

    Pem(PrivateKey key, List<X509Certificate> certificates) {
      this.key = key;
      this.certificates = List.copyOf(certificates);
    }
  }

  /**
   * Reads chain and key; the key file's permissions are checked first.
   *
   * @param passphrase may be {@code null}; it is not kept
   */
  public static Pem read(Path chainFile, Path keyFile, char[] passphrase) {
    MaterialFiles.checkFile(keyFile, "private key file");
    MaterialFiles.checkKeyPermissions(keyFile);
    byte[] bytes = MaterialFiles.read(keyFile, "private key file");
    List<PemBlocks.Block> keys = new ArrayList<>();
    try {
      return read(chainFile, keyFile, passphrase, bytes, keys);
    } finally {
      // Best effort: the raw key bytes do not outlive the read (the JDK key object keeps its own copy).
      Arrays.fill(bytes, (byte) 0);
      for (PemBlocks.Block b : keys) {
        Arrays.fill(b.der, (byte) 0);
      }
    }
  }

  private static Pem read(Path chainFile, Path keyFile, char[] passphrase, byte[] bytes, List<PemBlocks.Block> keys) {
    if (!PemBlocks.isPem(bytes)) {
      throw new MaterialFormatException(keyFile + ": this private key file is not PEM (no '-----BEGIN' line);"
          + " convert it: openssl pkey -in key.der -inform DER -out key.pem");
    }
    List<PemBlocks.Block> blocks = PemBlocks.parse(bytes, keyFile);
    byte[] ecParameters = null;
    for (PemBlocks.Block b : blocks) {
      if (b.isPrivateKey()) {
        keys.add(b);
      } else if (b.type.equals("EC PARAMETERS") && keys.isEmpty()) {
        ecParameters = b.der;
      }
    }
    if (keys.isEmpty()) {
      boolean certificates = blocks.stream().anyMatch(PemBlocks.Block::isCertificate);
      throw new MaterialFormatException(keyFile + ": no private key in this private key file" + (certificates
          ? "; it holds a certificate (" + blocks.get(0).describe() + ") where a private key is expected"
              + " (did you swap the chain and key paths?)"
          : blocks.isEmpty() ? "" : "; it holds only " + blocks.get(0).describe())
          + "; give the PEM file with the PRIVATE KEY block");
    }
    if (keys.size() > 1) {
      throw new MaterialFormatException(keyFile + ": " + keys.size() + " private keys in one file ("
          + keys.stream().map(PemBlocks.Block::describe).collect(Collectors.joining(", "))
          + "); keep only the client's key");
    }
    PrivateKey key = Pkcs8.plain(keys.get(0)); // Without BouncyCastle when it can; null: the usual way.
    if (key == null) {
      key = PrivateKeys.decode(keys.get(0), ecParameters, passphrase, keyFile);
    }
    List<X509Certificate> chain = chainFile.equals(keyFile)
        ? CertificateFiles.certificates(blocks, chainFile, "certificate chain file")
        : CertificateFiles.readChain(chainFile);
    return new Pem(key, chain);
  }
}
