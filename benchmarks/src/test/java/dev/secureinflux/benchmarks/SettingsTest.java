package dev.secureinflux.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SettingsTest {
  @Test
  void parse_noArguments_fullRun() {
    assertEquals(Settings.full(), Settings.parse());
    assertEquals(Settings.ALL, Settings.parse().sections());
  }

  @Test
  void parse_smokeWithOverrides_overridesOnlyThose() {
    Settings s = Settings.parse("smoke", "rounds=7", "run=1.5s", "warmup=250ms", "only=write,query");
    assertEquals(7, s.rounds());
    assertEquals(Duration.ofMillis(1500), s.run());
    assertEquals(Duration.ofMillis(250), s.warmup());
    assertEquals(Set.of("write", "query"), s.sections());
    assertEquals(Settings.smoke().handshakeRequests(), s.handshakeRequests());
  }

  @Test
  void parse_isoDuration_accepted() {
    assertEquals(Duration.ofSeconds(2), Settings.parse("jmhIteration=PT2S").jmhIteration());
  }

  @Test
  void parse_unknownKey_throwsListingKeys() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Settings.parse("round=3"));
    assertEquals("unknown setting round; keys: only, rounds, run, warmup, handshakeRequests, resumeRequests, "
        + "jmhRounds, jmhWarmup, jmhMeasure, jmhIteration, coldSamples, memoryClients, memorySamples", e.getMessage());
  }

  @Test
  void parse_badValues_throwNamingArgument() {
    assertEquals("rounds=0 is not a positive whole number",
        assertThrows(IllegalArgumentException.class, () -> Settings.parse("rounds=0")).getMessage());
    assertEquals("run=-1s is not a positive duration such as 500ms or 2s",
        assertThrows(IllegalArgumentException.class, () -> Settings.parse("run=-1s")).getMessage());
    assertEquals("only=write,cpu: unknown section cpu; sections: build,handshakes,memory,query,write",
        assertThrows(IllegalArgumentException.class, () -> Settings.parse("only=write,cpu")).getMessage());
    assertEquals("argument fast is not smoke or key=value; keys: only, rounds, run, warmup, handshakeRequests, "
        + "resumeRequests, jmhRounds, jmhWarmup, jmhMeasure, jmhIteration, coldSamples, memoryClients, memorySamples",
        assertThrows(IllegalArgumentException.class, () -> Settings.parse("fast")).getMessage());
  }

  @Test
  void estimatedSeconds_fullRun_underFifteenMinutes() {
    long full = Settings.full().estimatedSeconds();
    assertTrue(full > 8 * 60 && full < 12 * 60, full + " s");
    assertTrue(Settings.smoke().estimatedSeconds() < 120, Settings.smoke().estimatedSeconds() + " s");
  }
}
