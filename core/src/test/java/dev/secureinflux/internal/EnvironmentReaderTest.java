package dev.secureinflux.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.secureinflux.EnvironmentException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EnvironmentReaderTest {
  @TempDir
  Path dir;

  @Test
  void readPassphrase_trailingNewline_removedOnce() throws Exception {
    Path file = Files.writeString(dir.resolve("p"), "pässphrase \n", StandardCharsets.UTF_8);
    assertArrayEquals("pässphrase ".toCharArray(), EnvironmentReader.readPassphrase(file));
    Files.writeString(file, "x\r\n\n");
    assertArrayEquals("x\r\n".toCharArray(), EnvironmentReader.readPassphrase(file));
  }

  @Test
  void readPassphrase_emptyFile_throwsNamingFile() throws Exception {
    Path file = Files.writeString(dir.resolve("empty.pass"), "\n");
    EnvironmentException e = assertThrows(EnvironmentException.class, () -> EnvironmentReader.readPassphrase(file));
    assertTrue(e.getMessage().contains("empty.pass"), e.getMessage());
  }
}
