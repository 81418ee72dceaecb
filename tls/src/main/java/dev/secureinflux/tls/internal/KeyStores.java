package dev.secureinflux.tls.internal;

import dev.secureinflux.tls.KeyStoreAliasException;
import dev.secureinflux.tls.MaterialFormatException;
import dev.secureinflux.tls.PassphraseException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.UnrecoverableKeyException;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Reads PKCS#12 and JKS stores with the JDK's {@code KeyStore}, the type told from the content (JKS magic
 * {@code 0xFEEDFEED}, PKCS#12 a DER SEQUENCE), never from the file name. Not API.
 */
public final class KeyStores {
  private KeyStores() {}

  /** A key entry: JDK key, chain as stored, and its alias. */
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

  /** Whether {@code bytes} start with the JKS magic number. */
  public static boolean isJks(byte[] bytes) {
    return bytes.length >= 4 && (bytes[0] & 0xff) == 0xfe && (bytes[1] & 0xff) == 0xed
        && (bytes[2] & 0xff) == 0xfe && (bytes[3] & 0xff) == 0xed;
  }

  /**
   * The key entry {@code aliasOrNull} (or the only one) of a key store; the file's permissions are checked first
   * (a store holding a private key must not be readable or writable by group or others).
   *
   * @param keyPassword the entry's password; it is not kept
   */
  public static Entry readKeyEntry(Path file, char[] storePassword, char[] keyPassword, String aliasOrNull) {
    MaterialFiles.checkFile(file, "key store");
    MaterialFiles.checkKeyPermissions(file, "key store");
    byte[] bytes = MaterialFiles.read(file, "key store");
    KeyStore store = load(bytes, storePassword, file, "key store");
    try {
      List<String> keys = new ArrayList<>();
      for (String a : Collections.list(store.aliases())) {
        if (store.isKeyEntry(a)) {
          keys.add(a);
        }
      }
      String alias = aliasOrNull;
      if (alias == null) {
        if (keys.isEmpty()) {
          throw new MaterialFormatException(file + ": key store holds no private key entry (entries: "
              + Collections.list(store.aliases()) + "); for a trust store use TrustMaterial.keyStore");
        }
        if (keys.size() > 1) {
          throw new KeyStoreAliasException(file + ": key store holds " + keys.size() + " key entries " + keys
              + "; choose one: KeyMaterial.keyStore(file, storePassword, keyPassword, alias)");
        }
        alias = keys.get(0);
      } else if (!store.containsAlias(alias)) {
        throw new KeyStoreAliasException(file + ": key store has no entry '" + alias + "'; its key entries are "
            + keys);
      } else if (!store.isKeyEntry(alias)) {
        throw new KeyStoreAliasException(file + ": entry '" + alias + "' of the key store is a certificate, not a"
            + " private key; its key entries are " + keys);
      }
      String where = file + " alias '" + alias + "'";
      Key key;
      try {
        key = store.getKey(alias, keyPassword);
      } catch (UnrecoverableKeyException e) {
        throw new PassphraseException(where + ": wrong key password for this entry; pass the entry's password"
            + " as keyPassword (null means: the same as the store password)");
      }
      if (!(key instanceof PrivateKey)) {
        throw new MaterialFormatException(where + " is a secret key, not a private key; choose a key pair entry");
      }
      Certificate[] chain = store.getCertificateChain(alias);
      if (chain == null || chain.length == 0) {
        throw new MaterialFormatException(where + " has a private key without a certificate chain; import the"
            + " certificate with the key");
      }
      List<X509Certificate> certs = new ArrayList<>();
      for (Certificate c : chain) {
        certs.add(JdkObjects.certificate((X509Certificate) c));
      }
      return new Entry(JdkObjects.privateKey((PrivateKey) key, where), certs, alias);
    } catch (GeneralSecurityException e) {
      throw new MaterialFormatException(file + ": key store entry cannot be read (" + e.getClass().getSimpleName()
          + "); re-export the store", e);
    }
  }

  /** The trusted certificate entries of a JKS store, or the certificates of a PKCS#12 store without a key. */
  public static List<X509Certificate> readTrusted(Path file, char[] passwordOrNull) {
    byte[] bytes = MaterialFiles.read(file, "trust store");
    if (!isJks(bytes) && (bytes[0] & 0xff) == 0x30) {
      return Pkcs12Certificates.read(bytes, passwordOrNull, file);
    }
    KeyStore store = load(bytes, passwordOrNull, file, "trust store");
    try {
      List<X509Certificate> certs = new ArrayList<>();
      List<String> keyAliases = new ArrayList<>();
      for (String a : Collections.list(store.aliases())) {
        if (store.isCertificateEntry(a)) {
          certs.add(JdkObjects.certificate((X509Certificate) store.getCertificate(a)));
        } else {
          keyAliases.add(a);
        }
      }
      if (certs.isEmpty()) {
        throw new MaterialFormatException(file + ": trust store holds no trusted certificate entry"
            + (keyAliases.isEmpty() ? "" : " (only key entries " + keyAliases + ")")
            + "; import the CA certificate: keytool -importcert -alias ca -file ca.pem -keystore " + file);
      }
      return certs;
    } catch (GeneralSecurityException e) {
      throw new MaterialFormatException(file + ": trust store entry cannot be read; re-export the store", e);
    }
  }

  private static KeyStore load(byte[] bytes, char[] password, Path file, String role) {
    String type = type(bytes, file, role);
    try {
      KeyStore store = JdkObjects.keyStore(type);
      store.load(new ByteArrayInputStream(bytes), password);
      return store;
    } catch (IOException e) {
      if (password != null && readableWithoutPassword(bytes, type)) {
        throw new PassphraseException(file + ": wrong password for this " + type + " " + role
            + " (or the file was modified after it was written); check the store password");
      }
      throw new MaterialFormatException(file + ": this " + type + " " + role + " is corrupt or truncated ("
          + e.getClass().getSimpleName() + "); write or copy it again", null);
    } catch (GeneralSecurityException e) {
      throw new MaterialFormatException(file + ": this " + type + " " + role + " cannot be read ("
          + e.getClass().getSimpleName() + "); re-export it", null);
    }
  }

  private static boolean readableWithoutPassword(byte[] bytes, String type) {
    try {
      JdkObjects.keyStore(type).load(new ByteArrayInputStream(bytes), null);
      return true;
    } catch (IOException | GeneralSecurityException | RuntimeException e) {
      return false;
    }
  }

  private static String type(byte[] bytes, Path file, String role) {
    if (isJks(bytes)) {
      return "JKS";
    }
    if ((bytes[0] & 0xff) == 0x30) {
      return "PKCS12";
    }
    if (PemBlocks.isPem(bytes)) {
      throw new MaterialFormatException(file + ": this " + role + " is PEM text, not PKCS#12 or JKS; use pem(...)");
    }
    throw new MaterialFormatException(file + ": this " + role + " is neither PKCS#12 nor JKS (the type is told"
        + " from the content: JKS starts with 0xFEEDFEED, PKCS#12 with a DER SEQUENCE); give a key store file");
  }
}
