package dev.secureinflux.auth.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.secureinflux.auth.CredentialSourceException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The read-then-restamp loop of FileSecretSource, with a hook that swaps the file mid-read. */
class FileSecretSourceTest {
  @TempDir
  Path dir;

  private Path write(String name, String content) throws IOException {
    Path file = dir.resolve(name);
    Files.writeString(file, content);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    return file;
  }

  /** Replaces {@code file} by a new inode holding {@code content} (what a rename-based rotation does). */
  private void swap(Path file, String content) {
    try {
      Path next = write(file.getFileName() + ".next", content);
      Files.move(next, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A named pipe with mode 600 (Java cannot make one): opening it for reading blocks until a writer comes. */
  static Path fifo(Path file) throws IOException, InterruptedException {
    Process mkfifo = new ProcessBuilder("mkfifo", "-m", "600", file.toString()).redirectErrorStream(true).start();
    assertEquals(0, mkfifo.waitFor(), () -> "mkfifo failed: " + new String(readAll(mkfifo)));
    return file;
  }

  private static byte[] readAll(Process process) {
    try {
      return process.getInputStream().readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Test
  void constructor_fifo_refusedAsNotRegularWithoutBlocking() throws Exception {
    Path pipe = fifo(dir.resolve("pw.fifo"));
    CredentialSourceException e = assertTimeoutPreemptively(Duration.ofSeconds(20),
        () -> assertThrows(CredentialSourceException.class, () -> new FileSecretSource(pipe, "password")));
    assertEquals("password file " + pipe + " is not a regular file: point to the file holding the password",
        e.getMessage());
  }

  @Test
  void constructor_fileOver64KiB_refusedNamingSize() throws IOException {
    Path big = write("big", "x".repeat(64 * 1024 + 1));
    CredentialSourceException e = assertThrows(CredentialSourceException.class,
        () -> new FileSecretSource(big, "password"));
    assertEquals("password file " + big + " is larger than 65536 bytes: it does not look like a password file",
        e.getMessage());
    Path limit = write("limit", "y".repeat(64 * 1024));
    assertEquals(64 * 1024, new FileSecretSource(limit, "password").get().length);
  }

  @Test
  void constructor_fileSwappedDuringRead_readsAgainAndKeepsTheNewContent() throws IOException {
    Path file = write("pw", "old-password\n");
    AtomicInteger reads = new AtomicInteger();
    FileSecretSource source = new FileSecretSource(file, "password", () -> {
      if (reads.incrementAndGet() == 1) {
        swap(file, "new-password\n");
      }
    });
    assertEquals(2, reads.get());
    assertEquals("new-password", new String(source.get()));
  }

  @Test
  void constructor_fileSwappedToGroupReadableDuringRead_throws() throws IOException {
    Path file = write("pw", "old-password\n");
    CredentialSourceException e = assertThrows(CredentialSourceException.class,
        () -> new FileSecretSource(file, "password", () -> {
          swap(file, "new-password\n");
          try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
          } catch (IOException io) {
            throw new UncheckedIOException(io);
          }
        }));
    assertEquals("password file " + file + " is readable by group or others (rw-r--r--): run chmod 600 " + file
        + " (for a Kubernetes secret volume, set defaultMode: 0400)", e.getMessage());
  }

  @Test
  void constructor_fileChangingOnEveryRead_throwsAfterThreeReads() throws IOException {
    Path file = write("pw", "v0\n");
    AtomicInteger reads = new AtomicInteger();
    CredentialSourceException e = assertThrows(CredentialSourceException.class,
        () -> new FileSecretSource(file, "password", () -> swap(file, "v" + reads.incrementAndGet() + "\n")));
    assertEquals(3, reads.get());
    assertEquals("password file " + file + " changed while it was being read, 3 times in a row: replace it"
        + " atomically (write a new file, then rename it over the old one)", e.getMessage());
  }
}
