package dev.secureinflux.testkit.internal;

import dev.secureinflux.testkit.ServerStartException;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * A child process whose stdout and stderr go to one log file; {@link #stop()} ends it and its children.
 * Owners register with {@link Reaper} so a JVM that exits without closing them leaves no orphan.
 */
public final class ManagedProcess {
  private static final long STOP_WAIT_SECONDS = 10;

  private final String name;
  private final Process process;
  private final Path log;

  private ManagedProcess(String name, Process process, Path log) {
    this.name = name;
    this.process = process;
    this.log = log;
  }

  /**
   * Starts {@code command} in {@code directory}, appending its output to {@code log}; environment variables
   * whose names start with one of {@code dropEnvPrefixes} are removed so they cannot override the config.
   */
  public static ManagedProcess start(String name, List<String> command, Path directory, Path log,
      String... dropEnvPrefixes) {
    Objects.requireNonNull(command, "command == null");
    ProcessBuilder builder = new ProcessBuilder(command)
        .directory(directory.toFile())
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
        .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
    Map<String, String> env = builder.environment();
    env.keySet().removeIf(key -> Arrays.stream(dropEnvPrefixes).anyMatch(key::startsWith));
    try {
      return new ManagedProcess(name, builder.start(), log);
    } catch (IOException e) {
      throw new ServerStartException("cannot run " + command.get(0) + ": " + e.getMessage(), e);
    }
  }

  /** Whether the process is still running. */
  public boolean isAlive() {
    return process.isAlive();
  }

  /** The operating system's process id. */
  public long pid() {
    return process.pid();
  }

  /** The exit code, or -1 while it runs. */
  public int exitCode() {
    return process.isAlive() ? -1 : process.exitValue();
  }

  /** Asks the process (and its children) to stop, waits, then kills whatever is left. Idempotent. */
  public void stop() {
    List<ProcessHandle> children = new ArrayList<>();
    process.descendants().forEach(children::add);
    process.destroy();
    if (!waitFor(process.toHandle())) {
      process.destroyForcibly();
      waitFor(process.toHandle());
    }
    for (ProcessHandle child : children) {
      if (child.isAlive() && !waitFor(child)) {
        child.destroyForcibly();
        waitFor(child);
      }
    }
  }

  /** The last {@code lines} lines of the log, for failure messages. */
  public String logTail(int lines) {
    return tail(log, lines);
  }

  /** The last {@code lines} lines of {@code file} (at most its last 64 KiB), or a note if it cannot be read. */
  public static String tail(Path file, int lines) {
    if (!Files.exists(file)) {
      return "(no log at " + file + ")";
    }
    try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
      long length = in.length();
      int size = (int) Math.min(length, 64 * 1024);
      byte[] bytes = new byte[size];
      in.seek(length - size);
      in.readFully(bytes);
      String[] all = new String(bytes, StandardCharsets.UTF_8).split("\n", -1);
      int end = all.length;
      if (end > 0 && all[end - 1].isEmpty()) {
        end--;
      }
      int start = Math.max(0, end - lines);
      return String.join("\n", Arrays.asList(all).subList(start, end));
    } catch (IOException e) {
      return "(cannot read log " + file + ": " + e.getMessage() + ")";
    }
  }

  /** Deletes {@code directory} and everything in it; a missing directory is fine. */
  public static void deleteTree(Path directory) {
    if (directory == null || !Files.exists(directory)) {
      return;
    }
    try (var paths = Files.walk(directory)) {
      List<Path> all = new ArrayList<>(paths.toList());
      for (int i = all.size() - 1; i >= 0; i--) {
        Files.deleteIfExists(all.get(i));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + directory, e);
    }
  }

  @Override
  public String toString() {
    return name + "[pid " + process.pid() + (process.isAlive() ? ", running]" : ", exited " + process.exitValue() + "]");
  }

  private static boolean waitFor(ProcessHandle handle) {
    try {
      handle.onExit().get(STOP_WAIT_SECONDS, TimeUnit.SECONDS);
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return !handle.isAlive();
    } catch (Exception e) {
      return !handle.isAlive();
    }
  }
}
