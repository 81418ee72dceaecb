package dev.secureinflux.auth.internal;

import dev.secureinflux.auth.CredentialSourceException;
import dev.secureinflux.auth.InsecureSecretAccess;
import dev.secureinflux.auth.Secret;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A secret read from a file (Docker and Kubernetes secret files): UTF-8, trailing CR/LF trimmed, re-read when
 * the file's modification time, size or identity changes (a rotated secret takes effect without a restart).
 * On POSIX file systems a file readable or writable by group or others is refused. The file is stamped (and its
 * permissions checked) before and after each read; if it changed in between, it is read again; not API.
 */
public final class FileSecretSource implements SecretSource {
  private static final long MAX_BYTES = 64 * 1024;
  private static final int MAX_READS = 3;

  private final Path file;
  private final String what;
  private final Runnable afterRead;
  private Secret current;
  private List<Object> stamp;
  private long version;
  private boolean closed;

  /**
   * Reads the file now, so a missing, unreadable, empty or too-open file fails when the credentials are built.
   *
   * @throws CredentialSourceException naming the file and the fix
   */
  public FileSecretSource(Path file, String what) {
    this(file, what, () -> { });
  }

  /** For tests: {@code afterRead} runs between reading the bytes and stamping the file again. */
  FileSecretSource(Path file, String what, Runnable afterRead) {
    this.file = Objects.requireNonNull(file, what + " file == null");
    this.what = what;
    this.afterRead = afterRead;
    synchronized (this) {
      refresh();
    }
  }

  @Override
  public synchronized char[] get() {
    if (closed) {
      throw new IllegalStateException(describe() + " was closed; create new credentials");
    }
    refresh();
    return current.reveal(InsecureSecretAccess.get());
  }

  @Override
  public synchronized long version() {
    return version;
  }

  @Override
  public String describe() {
    return what + " file " + file;
  }

  @Override
  public synchronized void close() {
    closed = true;
    if (current != null) {
      current.destroy();
    }
  }

  /** Format unspecified; never contains secrets. */
  @Override
  public String toString() {
    return describe();
  }

  private void refresh() {
    for (int read = 1; ; read++) {
      List<Object> before = stampOf();
      checkPermissions(); // Every time: a chmod does not change the stamp.
      if (before.equals(stamp)) {
        return;
      }
      byte[] bytes = readBytes();
      try {
        afterRead.run();
        List<Object> after = stampOf(); // The path is resolved again: a swap in between shows as a changed stamp.
        checkPermissions();
        if (after.equals(before)) {
          install(bytes);
          stamp = before;
          version++;
          return;
        }
      } finally {
        Arrays.fill(bytes, (byte) 0);
      }
      if (read == MAX_READS) {
        throw new CredentialSourceException(describe() + " changed while it was being read, " + MAX_READS
            + " times in a row: replace it atomically (write a new file, then rename it over the old one)");
      }
    }
  }

  private void install(byte[] bytes) {
    int end = bytes.length;
    while (end > 0 && (bytes[end - 1] == '\n' || bytes[end - 1] == '\r')) {
      end--;
    }
    byte[] trimmed = Arrays.copyOf(bytes, end);
    char[] chars = Utf8.decodeOrNull(trimmed);
    Arrays.fill(trimmed, (byte) 0);
    if (chars == null) {
      throw new CredentialSourceException(describe() + " is not valid UTF-8: write the " + what + " as UTF-8 text");
    }
    try {
      if (chars.length == 0 || Utf8.isBlank(chars)) {
        throw new CredentialSourceException(describe() + " is empty or blank: write the " + what + " into it");
      }
      if (current != null) {
        current.destroy();
      }
      current = Secret.of(chars);
    } finally {
      Arrays.fill(chars, '\0');
    }
  }

  private List<Object> stampOf() {
    try {
      BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
      if (!attributes.isRegularFile()) {
        throw new CredentialSourceException(describe() + " is not a regular file: point to the file holding the " + what);
      }
      Object key = attributes.fileKey();
      return Arrays.asList(attributes.lastModifiedTime(), attributes.size(), key == null ? "" : key);
    } catch (IOException e) {
      throw readFailure(e);
    }
  }

  private void checkPermissions() {
    PosixFileAttributeView view = Files.getFileAttributeView(file, PosixFileAttributeView.class);
    if (view == null) {
      return; // Not a POSIX file system: nothing to check.
    }
    Set<PosixFilePermission> permissions;
    try {
      permissions = view.readAttributes().permissions();
    } catch (IOException e) {
      throw readFailure(e);
    }
    if (permissions.contains(PosixFilePermission.GROUP_READ)
        || permissions.contains(PosixFilePermission.OTHERS_READ)) {
      throw new CredentialSourceException(describe() + " is readable by group or others ("
          + PosixFilePermissions.toString(permissions) + "): run chmod 600 " + file
          + " (for a Kubernetes secret volume, set defaultMode: 0400)");
    }
    if (permissions.contains(PosixFilePermission.GROUP_WRITE)
        || permissions.contains(PosixFilePermission.OTHERS_WRITE)) {
      throw new CredentialSourceException(describe() + " is writable by group or others ("
          + PosixFilePermissions.toString(permissions) + "), so someone else could replace the " + what
          + ": run chmod 600 " + file);
    }
  }

  private byte[] readBytes() {
    try {
      if (Files.size(file) > MAX_BYTES) {
        throw new CredentialSourceException(describe() + " is larger than " + MAX_BYTES
            + " bytes: it does not look like a " + what + " file");
      }
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw readFailure(e);
    }
  }

  private CredentialSourceException readFailure(IOException e) {
    if (e instanceof NoSuchFileException) {
      return new CredentialSourceException(describe() + " does not exist: create it or fix the path", e);
    }
    if (e instanceof AccessDeniedException) {
      return new CredentialSourceException(describe() + " cannot be read (permission denied): make it readable"
          + " by the user running this process, mode 600", e);
    }
    return new CredentialSourceException(describe() + " cannot be read: " + e, e);
  }
}
