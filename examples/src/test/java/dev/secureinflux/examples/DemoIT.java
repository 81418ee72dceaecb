package dev.secureinflux.examples;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The README's main job runs in the default build too, so a broken demo fails CI. */
class DemoIT {
  @Test
  void main_againstLocalSecuredInflux_writesReadsAndRefuses() {
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    PrintStream original = System.out;
    System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      Demo.main(new String[0]);
    } finally {
      System.setOut(original);
    }
    String out = captured.toString(StandardCharsets.UTF_8);
    original.print(out);
    assertTrue(out.contains("read back count = 10"), out);
    assertTrue(out.contains("plain HTTP to a remote host: PlaintextRefusedException"), out);
    assertTrue(out.contains("no credentials: MissingCredentialsException"), out);
    assertTrue(out.contains("a password in the URL: CredentialsInUrlException"), out);
    assertTrue(!out.contains("hunter2"), "the refused URL's password must not be echoed: " + out);
  }
}
