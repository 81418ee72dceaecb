package dev.secureinflux.testkit.internal;

import dev.secureinflux.testkit.ExecutableNotFoundException;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/** Finds a server program on {@code PATH} or at its Debian location. */
public final class Executables {
  private Executables() {}

  /**
   * The first executable {@code name} on the directories of {@code pathVariable}, else {@code fallback}.
   *
   * @throws ExecutableNotFoundException naming the Debian package to install when neither exists
   */
  public static Path find(String name, String pathVariable, Path fallback, String debianPackage) {
    Objects.requireNonNull(name, "name == null");
    Objects.requireNonNull(fallback, "fallback == null");
    Objects.requireNonNull(debianPackage, "debianPackage == null");
    if (pathVariable != null) {
      for (String dir : pathVariable.split(File.pathSeparator)) {
        if (dir.isEmpty()) {
          continue;
        }
        Path candidate = Path.of(dir).resolve(name);
        if (isExecutable(candidate)) {
          return candidate;
        }
      }
    }
    if (isExecutable(fallback)) {
      return fallback;
    }
    throw new ExecutableNotFoundException(name + " not found on PATH or " + fallback + ": " + installHint(debianPackage));
  }

  /**
   * {@code program} itself, checked to be an executable file.
   *
   * @throws ExecutableNotFoundException naming the Debian package to install when it is not
   */
  public static Path require(Path program, String debianPackage) {
    Objects.requireNonNull(program, "program == null");
    if (!isExecutable(program)) {
      throw new ExecutableNotFoundException(program.getFileName() + " not found at " + program
          + " (not an executable file): " + installHint(debianPackage) + ", or pass the right path");
    }
    return program;
  }

  private static String installHint(String debianPackage) {
    return "install the Debian package `" + debianPackage + "` (apt-get install " + debianPackage + ")";
  }

  private static boolean isExecutable(Path candidate) {
    return Files.isRegularFile(candidate) && Files.isExecutable(candidate);
  }
}
