package dev.secureinflux.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A JVM that ends without closing its servers (exit, or SIGTERM) leaves no process and no directory. */
class ReaperIT {
  private record Child(long pid, Path dir) {}

  private static void runAndCheck(String mode) throws Exception {
    String java = ProcessHandle.current().info().command().orElse("java");
    Process jvm = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
        OrphanMain.class.getName(), mode).redirectErrorStream(true).start();
    List<Child> children = new ArrayList<>();
    StringBuilder output = new StringBuilder();
    try (BufferedReader in = new BufferedReader(new InputStreamReader(jvm.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line = in.readLine(); line != null && !line.equals("ready"); line = in.readLine()) {
        output.append(line).append('\n');
        String[] f = line.split(" ");
        if (f.length == 3 && List.of("influxd", "nginx", "worker").contains(f[0])) {
          children.add(new Child(Long.parseLong(f[1]), f[2].equals("-") ? null : Path.of(f[2])));
        }
      }
      if (mode.equals("wait")) {
        jvm.destroy();
      }
      assertTrue(jvm.waitFor(60, TimeUnit.SECONDS), "child JVM did not end: " + output);
    } finally {
      jvm.destroyForcibly();
    }
    assertEquals(3, children.size(), "expected influxd, nginx master and worker, got: " + output);
    for (Child child : children) {
      Optional<ProcessHandle> handle = ProcessHandle.of(child.pid());
      assertFalse(handle.isPresent() && handle.get().isAlive(), "pid " + child.pid() + " outlived its JVM");
      if (child.dir() != null) {
        assertFalse(Files.exists(child.dir()), child.dir() + " outlived its JVM");
      }
    }
  }

  @Test
  void jvmExit_withoutClose_leavesNoOrphan() throws Exception {
    runAndCheck("exit");
  }

  @Test
  void jvmTerminated_withoutClose_leavesNoOrphan() throws Exception {
    runAndCheck("wait");
  }
}
