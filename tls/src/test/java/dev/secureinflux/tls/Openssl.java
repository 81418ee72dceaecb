package dev.secureinflux.tls;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;

/** Runs the real openssl command line in a directory; a failing command fails the test with its stderr. */
final class Openssl {
  static final String BINARY = "/usr/bin/openssl";

  private final Path dir;

  Openssl(Path dir) {
    this.dir = dir;
  }

  /** Runs {@code openssl args...} in the directory and returns the directory's {@code output} file. */
  Path run(String output, String... args) {
    List<String> command = new ArrayList<>();
    command.add(BINARY);
    command.addAll(List.of(args));
    try {
      Process process = new ProcessBuilder(command).directory(dir.toFile())
          .redirectOutput(ProcessBuilder.Redirect.DISCARD)
          .redirectError(dir.resolve("openssl.err").toFile())
          .start();
      int exit = process.waitFor();
      if (exit != 0) {
        fail("openssl failed (exit " + exit + "): " + command + "\n"
            + Files.readString(dir.resolve("openssl.err"), StandardCharsets.UTF_8));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
    Path out = dir.resolve(output);
    if (!Files.isRegularFile(out)) {
      fail("openssl did not write " + out + ": " + command);
    }
    return out;
  }

  /** Sets {@code file}'s mode to 600 (a private key file as it should be) and returns it. */
  static Path ownerOnly(Path file) {
    return mode(file, "rw-------");
  }

  /** Sets {@code file}'s POSIX mode, e.g. {@code rw-r--r--}, and returns it. */
  static Path mode(Path file, String permissions) {
    try {
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(permissions));
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Concatenates {@code parts} into {@code target}. */
  static Path concat(Path target, Path... parts) {
    try {
      StringBuilder text = new StringBuilder();
      for (Path p : parts) {
        text.append(Files.readString(p, StandardCharsets.US_ASCII));
      }
      Files.writeString(target, text.toString(), StandardCharsets.US_ASCII);
      return target;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
