package dev.secureinflux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The JVM-wide {@code org.influxdb.InfluxDB.logLevel=FULL} (read once, when influxdb-java's client class loads)
 * cannot make the secured client log anything: run in a child JVM that has the property from the start.
 */
class LogLevelPropertyIT {
  @Test
  void logLevelPropertyFull_securedClient_logsNothing() throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> command = List.of(java, "-cp", System.getProperty("java.class.path"),
        "-Djdk.net.hosts.file=" + System.getProperty("jdk.net.hosts.file"),
        "-Dorg.influxdb.InfluxDB.logLevel=FULL", LogLevelPropertyProbe.class.getName());
    Process process = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(process.waitFor(120, TimeUnit.SECONDS), "probe did not finish");
    assertEquals(0, process.exitValue(), output);

    int split = output.indexOf("SECURED-START");
    assertTrue(split > 0 && output.contains("SECURED-DONE"), output);
    String control = output.substring(0, split);
    String secured = output.substring(split);
    assertTrue(control.contains("control-Secret-2"), "control: bare influxdb-java logs the statement:\n" + control);
    for (String leak : List.of("probe-Secret", "Authorization", "-->", "<--", "CREATE USER")) {
      assertFalse(secured.contains(leak), "secured client logged " + leak + ":\n" + secured);
    }
  }
}
