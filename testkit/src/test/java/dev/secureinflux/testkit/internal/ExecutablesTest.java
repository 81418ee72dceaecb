package dev.secureinflux.testkit.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.secureinflux.testkit.ExecutableNotFoundException;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExecutablesTest {
  @Test
  void find_notOnPathNorFallback_namesPackage(@TempDir Path dir) {
    ExecutableNotFoundException e = assertThrows(ExecutableNotFoundException.class,
        () -> Executables.find("influxd", dir.toString(), dir.resolve("usr-bin-influxd"), "influxdb"));
    assertEquals("influxd not found on PATH or " + dir.resolve("usr-bin-influxd")
        + ": install the Debian package `influxdb` (apt-get install influxdb)", e.getMessage());
  }

  @Test
  void find_onPath_returnsFirstExecutable(@TempDir Path dir) throws Exception {
    Path a = Files.createDirectory(dir.resolve("a"));
    Path b = Files.createDirectory(dir.resolve("b"));
    Files.writeString(a.resolve("nginx"), "not executable");
    Path program = Files.writeString(b.resolve("nginx"), "#!/bin/sh\n");
    Files.setPosixFilePermissions(program, PosixFilePermissions.fromString("rwx------"));
    assertEquals(program, Executables.find("nginx", a + File.pathSeparator + b, dir.resolve("none"), "nginx"));
  }

  @Test
  void find_onlyFallback_returnsFallback(@TempDir Path dir) throws Exception {
    Path program = Files.writeString(dir.resolve("nginx"), "#!/bin/sh\n");
    Files.setPosixFilePermissions(program, PosixFilePermissions.fromString("rwx------"));
    assertEquals(program, Executables.find("nginx", null, program, "nginx"));
  }

  @Test
  void require_directory_throws(@TempDir Path dir) {
    ExecutableNotFoundException e = assertThrows(ExecutableNotFoundException.class,
        () -> Executables.require(dir, "nginx"));
    assertEquals(dir.getFileName() + " not found at " + dir + " (not an executable file): install the Debian "
        + "package `nginx` (apt-get install nginx), or pass the right path", e.getMessage());
  }
}
