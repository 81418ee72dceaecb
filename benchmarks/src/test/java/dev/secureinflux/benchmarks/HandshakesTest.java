package dev.secureinflux.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.secureinflux.testkit.AccessLogEntry;
import java.util.List;
import org.junit.jupiter.api.Test;

class HandshakesTest {
  private static AccessLogEntry entry(long connection, boolean reused, int status) {
    return new AccessLogEntry("POST", "/write", status, "NONE", "", "", connection, reused);
  }

  @Test
  void count_requestsOverConnections_oneHandshakePerConnection() {
    Handshakes.Count count = Handshakes.count(List.of(entry(7, false, 204), entry(7, false, 200), entry(9, true, 204),
        entry(9, true, 204), entry(12, true, 200)));
    assertEquals(new Handshakes.Count(5, 3, 2), count);
    assertEquals(1, count.full());
    assertEquals("3 (1 full, 2 resumed)", count.describe());
    assertEquals("1 (1 full)", new Handshakes.Count(10, 1, 0).describe());
  }

  @Test
  void count_refusedRequest_throws() {
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> Handshakes.count(List.of(entry(1, false, 400))));
    assertEquals("the stub refused a request: " + entry(1, false, 400), e.getMessage());
  }
}
