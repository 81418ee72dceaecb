package dev.secureinflux.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.secureinflux.EnvironmentException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EnvironmentReaderTest {
  @TempDir
  Path dir;

  private static Path ownerOnly(Path file) throws Exception {
    return Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
  }

  @Test
  void readPassphrase_worldReadable_refusedBeforeReading() throws Exception {
    Path file = Files.writeString(dir.resolve("open.pass"), "secret-Passphrase");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
    EnvironmentException e = assertThrows(EnvironmentException.class, () -> EnvironmentReader.readPassphrase(file));
    assertTrue(e.getMessage().contains("chmod 600 " + file), e.getMessage());
    assertTrue(e.getMessage().contains("readable by group or others"), e.getMessage());
  }

  @Test
  void readPassphrase_groupWritable_refusedAsReplaceable() throws Exception {
    Path file = ownerOnly(Files.writeString(dir.resolve("gw.pass"), "secret-Passphrase"));
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw--w----"));
    EnvironmentException e = assertThrows(EnvironmentException.class, () -> EnvironmentReader.readPassphrase(file));
    assertTrue(e.getMessage().contains("writable by group or others"), e.getMessage());
    assertTrue(e.getMessage().contains("replace"), e.getMessage());
  }

  @Test
  void readPassphrase_trailingNewline_removedOnce() throws Exception {
    Path file = ownerOnly(Files.writeString(dir.resolve("p"), "pässphrase \n", StandardCharsets.UTF_8));
    assertArrayEquals("pässphrase ".toCharArray(), EnvironmentReader.readPassphrase(file));
    Files.writeString(file, "x\r\n\n");
    assertArrayEquals("x\r\n".toCharArray(), EnvironmentReader.readPassphrase(file));
  }

  /** A named pipe with mode 600, made by mkfifo (Java cannot make one). */
  static Path fifo(Path file) throws Exception {
    Process mkfifo = new ProcessBuilder("mkfifo", "-m", "600", file.toString()).redirectErrorStream(true).start();
    String output = new String(mkfifo.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, mkfifo.waitFor(), "mkfifo failed: " + output);
    return file;
  }

  @Test
  void readPassphrase_fifo_refusedWithoutBlocking() throws Exception {
    Path pipe = fifo(dir.resolve("key.pass"));
    // Reading a FIFO blocks until a writer comes; the timeout turns such a regression into a failure.
    EnvironmentException e = assertTimeoutPreemptively(Duration.ofSeconds(20),
        () -> assertThrows(EnvironmentException.class, () -> EnvironmentReader.readPassphrase(pipe)));
    assertEquals("INFLUX_CLIENT_KEY_PASSPHRASE_FILE " + pipe + " is not a regular file (a directory, pipe or "
        + "device): point it to the file holding the key's passphrase", e.getMessage());
  }

  @Test
  void readPassphrase_directory_refusedAsNotRegular() {
    EnvironmentException e = assertThrows(EnvironmentException.class, () -> EnvironmentReader.readPassphrase(dir));
    assertTrue(e.getMessage().contains(dir + " is not a regular file"), e.getMessage());
  }

  @Test
  void readPassphrase_over64KiB_refusedNamingSize() throws Exception {
    Path big = ownerOnly(Files.writeString(dir.resolve("big.pass"), "x".repeat(64 * 1024 + 1)));
    EnvironmentException e = assertThrows(EnvironmentException.class, () -> EnvironmentReader.readPassphrase(big));
    assertEquals("INFLUX_CLIENT_KEY_PASSPHRASE_FILE " + big + " is larger than 65536 bytes, which no passphrase "
        + "needs: point it to the file holding only the key's passphrase", e.getMessage());
    Path limit = ownerOnly(Files.writeString(dir.resolve("limit.pass"), "y".repeat(64 * 1024)));
    assertEquals(64 * 1024, EnvironmentReader.readPassphrase(limit).length);
  }

  @Test
  void readPassphrase_emptyFile_throwsNamingFile() throws Exception {
    Path file = ownerOnly(Files.writeString(dir.resolve("empty.pass"), "\n"));
    EnvironmentException e = assertThrows(EnvironmentException.class, () -> EnvironmentReader.readPassphrase(file));
    assertTrue(e.getMessage().contains("empty.pass"), e.getMessage());
  }
}
