package dev.secureinflux.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.secureinflux.EnvironmentException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
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

  @Test
  void readPassphrase_emptyFile_throwsNamingFile() throws Exception {
    Path file = ownerOnly(Files.writeString(dir.resolve("empty.pass"), "\n"));
    EnvironmentException e = assertThrows(EnvironmentException.class, () -> EnvironmentReader.readPassphrase(file));
    assertTrue(e.getMessage().contains("empty.pass"), e.getMessage());
  }
}
