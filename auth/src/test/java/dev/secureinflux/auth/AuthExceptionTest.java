package dev.secureinflux.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.io.IOException;
import java.util.Optional;
import org.influxdb.InfluxDBIOException;
import org.junit.jupiter.api.Test;

class AuthExceptionTest {
  @Test
  void unwrap_influxdbIoExceptionAroundAuthFailure_returnsTypedCause() {
    AuthenticationException typed = new AuthenticationException("authentication failed for user alice");
    InfluxDBIOException wrapped = new InfluxDBIOException(new AuthFailureIOException(typed));
    assertSame(typed, AuthException.unwrap(wrapped).orElseThrow());
  }

  @Test
  void unwrap_suppressed_isFound() {
    AuthorizationException typed = new AuthorizationException("user alice lacks privilege WRITE");
    IOException canceled = new IOException("canceled due to " + typed);
    canceled.addSuppressed(typed);
    assertSame(typed, AuthException.unwrap(new RuntimeException(canceled)).orElseThrow());
  }

  @Test
  void unwrap_cycleWithoutAuthException_isEmpty() {
    RuntimeException a = new RuntimeException("a");
    RuntimeException b = new RuntimeException("b", a);
    a.addSuppressed(b);
    assertEquals(Optional.empty(), AuthException.unwrap(b));
    assertEquals(Optional.empty(), AuthException.unwrap(null));
  }

  @Test
  void authFailureIoException_messageAndCauseAreTheTypedOnes() {
    InsecureConnectionException typed = new InsecureConnectionException("refusing to send credentials");
    AuthFailureIOException e = new AuthFailureIOException(typed);
    assertSame(typed, e.getCause());
    assertEquals("refusing to send credentials", e.getMessage());
  }
}
