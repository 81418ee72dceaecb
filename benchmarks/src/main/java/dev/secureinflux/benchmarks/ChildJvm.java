package dev.secureinflux.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs one of this module's classes in a fresh JVM with the same class path and loopback-only name lookups. */
final class ChildJvm {
  private ChildJvm() {}

  /**
   * Runs {@code main} with {@code jvmArgs} and {@code args} and returns the last line it printed.
   *
   * @throws IllegalStateException if it fails, or runs longer than two minutes; quotes its output
   */
  static String run(List<String> jvmArgs, Class<?> main, String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add(Loopback.jvmArgument());
    command.addAll(jvmArgs);
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(main.getName());
    command.addAll(List.of(args));
    Path output = Files.createTempFile("secureinflux-bench-child", ".out");
    try {
      Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile())
          .start();
      if (!process.waitFor(2, TimeUnit.MINUTES)) {
        process.destroyForcibly().waitFor();
        throw new IllegalStateException(main.getSimpleName() + " did not finish in 2 minutes: "
            + Files.readString(output, StandardCharsets.UTF_8));
      }
      return lastLine(process, main, args, Files.readString(output, StandardCharsets.UTF_8).strip());
    } finally {
      Files.deleteIfExists(output);
    }
  }

  private static String lastLine(Process process, Class<?> main, String[] args, String text) {
    if (process.exitValue() != 0 || text.isEmpty()) {
      throw new IllegalStateException(main.getSimpleName() + " " + String.join(" ", args) + " failed (exit "
          + process.exitValue() + "):\n" + text);
    }
    String[] lines = text.split("\\R");
    return lines[lines.length - 1];
  }
}
