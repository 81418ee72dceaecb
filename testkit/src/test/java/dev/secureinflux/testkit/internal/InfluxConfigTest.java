package dev.secureinflux.testkit.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class InfluxConfigTest {
  @Test
  void render_https_bindsLoopbackAndPointsAtFiles() {
    String text = InfluxConfig.render(Path.of("/t"), 1234, 5678, Path.of("/t/s.pem"), Path.of("/t/k.pem"), true,
        "s".toCharArray());
    assertTrue(text.contains("\nbind-address = \"127.0.0.1:5678\"\n"), text);
    assertTrue(text.contains("  bind-address = \"127.0.0.1:1234\"\n"), text);
    assertTrue(text.contains("  https-enabled = true\n  https-certificate = \"/t/s.pem\"\n"
        + "  https-private-key = \"/t/k.pem\"\n"), text);
    assertTrue(text.contains("  dir = \"/t/meta\""), text);
    assertTrue(text.contains("  wal-dir = \"/t/wal\""), text);
    assertTrue(text.contains("[[udp]]\n  enabled = false"), text);
    assertTrue(text.contains("[monitor]\n  store-enabled = false"), text);
  }

  @Test
  void render_plainHttp_hasNoCertificateLines() {
    String text = InfluxConfig.render(Path.of("/t"), 1, 2, null, null, false, new char[0]);
    assertTrue(text.contains("https-enabled = false"), text);
    assertTrue(text.contains("auth-enabled = false"), text);
    assertFalse(text.contains("https-certificate"), text);
    assertTrue(text.contains("shared-secret = \"\""), text);
  }

  @Test
  void quote_quotesAndBackslashes_escaped() {
    assertEquals("\"a\\\"b\\\\c\"", InfluxConfig.quote("a\"b\\c"));
  }

  @Test
  void quote_controlCharacter_throwsWithoutValue() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> InfluxConfig.quote("secret\nvalue"));
    assertEquals("control character at index 6 cannot go into the influxd config", e.getMessage());
  }

  @Test
  void render_pprof_setsPprofEnabled() {
    assertTrue(InfluxConfig.render(Path.of("/t"), 1, 2, null, null, true, new char[0], true)
        .contains("  pprof-enabled = true\n"));
    assertTrue(InfluxConfig.render(Path.of("/t"), 1, 2, null, null, true, new char[0])
        .contains("  pprof-enabled = false\n"));
  }
}
