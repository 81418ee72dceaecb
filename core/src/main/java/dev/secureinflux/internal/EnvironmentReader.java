package dev.secureinflux.internal;

import dev.secureinflux.EnvironmentException;
import dev.secureinflux.SecureInflux;
import dev.secureinflux.auth.Credentials;
import dev.secureinflux.tls.KeyMaterial;
import dev.secureinflux.tls.TrustMaterial;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;

/** Fills a {@link SecureInflux.Builder} from {@code INFLUX_*} variables; see {@link SecureInflux#fromEnvironment}. */
public final class EnvironmentReader {
  /** The server URL. */
  public static final String URL = "INFLUX_URL";
  /** PEM CA bundle to trust instead of the JDK trust store. */
  public static final String CA_FILE = "INFLUX_CA_FILE";
  /** PEM client certificate chain (mutual TLS). */
  public static final String CLIENT_CERT_FILE = "INFLUX_CLIENT_CERT_FILE";
  /** PEM client private key (mutual TLS). */
  public static final String CLIENT_KEY_FILE = "INFLUX_CLIENT_KEY_FILE";
  /** File holding the client key's passphrase. */
  public static final String CLIENT_KEY_PASSPHRASE_FILE = "INFLUX_CLIENT_KEY_PASSPHRASE_FILE";
  /** Comma-separated pins. */
  public static final String PINS = "INFLUX_PINS";
  /** Default database. */
  public static final String DATABASE = "INFLUX_DATABASE";
  /** The largest passphrase file read: 64 KiB. */
  static final int MAX_PASSPHRASE_BYTES = 64 * 1024;

  private EnvironmentReader() {}

  /** Applies the variables present in {@code env} to {@code builder}. */
  public static void fill(SecureInflux.Builder builder, Map<String, String> env) {
    String url = get(env, URL);
    if (url != null) {
      builder.url(url);
    }
    builder.credentials(Credentials.fromEnvironment(env));
    String ca = get(env, CA_FILE);
    if (ca != null) {
      builder.trust(TrustMaterial.pem(path(CA_FILE, ca)));
    }
    String cert = get(env, CLIENT_CERT_FILE);
    String key = get(env, CLIENT_KEY_FILE);
    String passphraseFile = get(env, CLIENT_KEY_PASSPHRASE_FILE);
    if (cert == null && key != null) {
      throw new EnvironmentException(CLIENT_KEY_FILE + " is set but " + CLIENT_CERT_FILE + " is not: set "
          + CLIENT_CERT_FILE + " to the PEM certificate chain of the client key " + key);
    }
    if (cert == null && passphraseFile != null) {
      throw new EnvironmentException(CLIENT_KEY_PASSPHRASE_FILE + " is set but " + CLIENT_CERT_FILE + " is not: "
          + "set " + CLIENT_CERT_FILE + " and " + CLIENT_KEY_FILE + ", or unset " + CLIENT_KEY_PASSPHRASE_FILE);
    }
    if (cert != null) {
      Path certPath = path(CLIENT_CERT_FILE, cert);
      Path keyPath = key == null ? certPath : path(CLIENT_KEY_FILE, key);
      char[] passphrase = passphraseFile == null ? null
          : readPassphrase(path(CLIENT_KEY_PASSPHRASE_FILE, passphraseFile));
      try {
        builder.identity(KeyMaterial.pem(certPath, keyPath, passphrase));
      } finally {
        if (passphrase != null) {
          Arrays.fill(passphrase, '\0');
        }
      }
    }
    String pins = get(env, PINS);
    if (pins != null) {
      for (String pin : pins.split(",")) {
        if (!pin.isBlank()) {
          builder.addPin(pin);
        }
      }
    }
    String database = get(env, DATABASE);
    if (database != null) {
      builder.database(database);
    }
  }

  private static String get(Map<String, String> env, String name) {
    String value = env.get(name);
    return value == null || value.isBlank() ? null : value.strip();
  }

  private static Path path(String variable, String value) {
    try {
      return Path.of(value);
    } catch (InvalidPathException e) {
      throw new EnvironmentException(variable + " is not a valid path (" + e.getReason() + "): set it to the "
          + "file's path", e);
    }
  }

  /**
   * The file's UTF-8 content without one trailing line break; the byte buffer is wiped. Refused before it is
   * opened: anything but a regular file (a FIFO would block the read until some process writes to it), a file
   * over {@link #MAX_PASSPHRASE_BYTES}, and on POSIX file systems a file readable or writable by group or others.
   * At most {@code MAX_PASSPHRASE_BYTES + 1} bytes are read, so a file growing meanwhile is refused too.
   */
  static char[] readPassphrase(Path file) {
    byte[] bytes;
    try {
      BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
      if (!attributes.isRegularFile()) {
        throw new EnvironmentException(CLIENT_KEY_PASSPHRASE_FILE + " " + file + " is not a regular file (a "
            + "directory, pipe or device): point it to the file holding the key's passphrase");
      }
      if (attributes.size() > MAX_PASSPHRASE_BYTES) {
        throw tooLarge(file);
      }
      checkPermissions(file);
      try (InputStream in = Files.newInputStream(file)) {
        bytes = in.readNBytes(MAX_PASSPHRASE_BYTES + 1);
      }
    } catch (IOException e) {
      throw new EnvironmentException("cannot read " + CLIENT_KEY_PASSPHRASE_FILE + " " + file + " ("
          + e.getClass().getSimpleName() + "): check the path and that this process may read it", e);
    }
    if (bytes.length > MAX_PASSPHRASE_BYTES) {
      Arrays.fill(bytes, (byte) 0);
      throw tooLarge(file);
    }
    try {
      CharBuffer chars = StandardCharsets.UTF_8.decode(ByteBuffer.wrap(bytes));
      int end = chars.limit();
      if (end > 0 && chars.get(end - 1) == '\n') {
        end--;
      }
      if (end > 0 && chars.get(end - 1) == '\r') {
        end--;
      }
      char[] result = new char[end];
      chars.get(result, 0, end);
      Arrays.fill(chars.array(), '\0');
      if (result.length == 0) {
        throw new EnvironmentException(CLIENT_KEY_PASSPHRASE_FILE + " " + file + " is empty: write the key's "
            + "passphrase into it, or unset the variable for an unencrypted key");
      }
      return result;
    } finally {
      Arrays.fill(bytes, (byte) 0);
    }
  }

  private static EnvironmentException tooLarge(Path file) {
    return new EnvironmentException(CLIENT_KEY_PASSPHRASE_FILE + " " + file + " is larger than "
        + MAX_PASSPHRASE_BYTES + " bytes, which no passphrase needs: point it to the file holding only the key's "
        + "passphrase");
  }

  private static void checkPermissions(Path file) throws IOException {
    PosixFileAttributeView view = Files.getFileAttributeView(file, PosixFileAttributeView.class);
    if (view == null) {
      return; // Not a POSIX file system: nothing to check.
    }
    Set<PosixFilePermission> permissions = view.readAttributes().permissions();
    boolean readable = permissions.contains(PosixFilePermission.GROUP_READ)
        || permissions.contains(PosixFilePermission.OTHERS_READ);
    boolean writable = permissions.contains(PosixFilePermission.GROUP_WRITE)
        || permissions.contains(PosixFilePermission.OTHERS_WRITE);
    if (readable || writable) {
      throw new EnvironmentException(CLIENT_KEY_PASSPHRASE_FILE + " " + file + " is "
          + (readable ? "readable" : "writable") + " by group or others ("
          + PosixFilePermissions.toString(permissions) + "), so someone else could "
          + (readable ? "read" : "replace") + " the key's passphrase: run chmod 600 " + file);
    }
  }
}
