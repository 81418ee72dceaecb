package dev.secureinflux.tls.internal;

import dev.secureinflux.tls.InsecureKeyFileException;
import dev.secureinflux.tls.MaterialFileException;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Set;

/** File checks and reads for TLS material: existence, kind, size, readability and key file permissions. Not API. */
public final class MaterialFiles {
  private static final Set<PosixFilePermission> GROUP_OR_OTHERS = EnumSet.of(
      PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE,
      PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE);

  private MaterialFiles() {}

  /**
   * Refuses a {@code file} that is missing, a directory or empty; symbolic links are followed.
   *
   * @param what names the role of the file in messages, e.g. "trust file"
   */
  public static void checkFile(Path file, String what) {
    if (!Files.exists(file)) {
      throw new MaterialFileException(what + " " + file + " does not exist"
          + (Files.isSymbolicLink(file) ? " (it is a symbolic link to a missing target)" : "")
          + "; check the path (relative paths resolve against " + Path.of("").toAbsolutePath() + ")");
    }
    if (Files.isDirectory(file)) {
      throw new MaterialFileException(what + " " + file + " is a directory; give the path of the file inside it");
    }
    if (!Files.isRegularFile(file)) {
      throw new MaterialFileException(what + " " + file + " is not a regular file; give the path of a file");
    }
    try {
      if (Files.size(file) == 0) {
        throw new MaterialFileException(what + " " + file + " is empty (0 bytes); write the material into it"
            + " (a file that is still being written is read again on the next reload)");
      }
    } catch (IOException e) {
      throw unreadable(what, file, e);
    }
  }

  /** The bytes of {@code file} after {@link #checkFile}. */
  public static byte[] read(Path file, String what) {
    checkFile(file, what);
    try {
      byte[] bytes = Files.readAllBytes(file);
      if (bytes.length == 0) {
        throw new MaterialFileException(what + " " + file + " is empty (0 bytes); write the material into it");
      }
      return bytes;
    } catch (IOException e) {
      throw unreadable(what, file, e);
    }
  }

  /**
   * Refuses a private key {@code file} that its group or others may read or write on a POSIX file system, as
   * libpq does; the permissions of a symbolic link's target count. Non-POSIX file systems are not checked.
   */
  public static void checkKeyPermissions(Path file) {
    checkKeyPermissions(file, "private key file");
  }

  /**
   * As {@link #checkKeyPermissions(Path)}, for any file holding a private key, such as a key store.
   *
   * @param what names the role of the file in messages, e.g. "key store"
   */
  public static void checkKeyPermissions(Path file, String what) {
    try {
      if (Files.getFileAttributeView(file, PosixFileAttributeView.class) == null) {
        return;
      }
      Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
      if (permissions.stream().anyMatch(GROUP_OR_OTHERS::contains)) {
        Path target = file.toRealPath();
        throw new InsecureKeyFileException(what + " " + file
            + (target.equals(file.toAbsolutePath()) ? "" : " (link to " + target + ")")
            + " is accessible by group or others (" + PosixFilePermissions.toString(permissions)
            + "); restrict it to its owner: chmod 600 " + target);
      }
    } catch (UnsupportedOperationException e) {
      // Not a POSIX file system: nothing to check.
    } catch (IOException e) {
      throw unreadable(what, file, e);
    }
  }

  private static MaterialFileException unreadable(String what, Path file, IOException e) {
    if (e instanceof NoSuchFileException) {
      return new MaterialFileException(what + " " + file + " disappeared while being read; check the path", e);
    }
    if (e instanceof AccessDeniedException) {
      return new MaterialFileException(what + " " + file + " cannot be read by user "
          + System.getProperty("user.name") + " (permission denied); grant this user read access", e);
    }
    return new MaterialFileException(what + " " + file + " cannot be read (" + e.getClass().getSimpleName()
        + "); check the file and its file system", e);
  }
}
