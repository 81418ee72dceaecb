package dev.secureinflux.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class AccessLogEntryTest {
  @Test
  void parse_withClientCertificate_readsFields() {
    AccessLogEntry entry = AccessLogEntry.parse(
        "1767225600.123\tPOST\t/write\t204\tSUCCESS\tCN=app,O=secureinflux tests\t0A1B2C\t17\tr");
    assertEquals(new AccessLogEntry("POST", "/write", 204, "SUCCESS", "CN=app,O=secureinflux tests", "0A1B2C", 17,
        true), entry);
  }

  @Test
  void parse_dashes_becomeEmpty() {
    assertEquals(new AccessLogEntry("", "/ping", 400, "NONE", "", "", 3, false),
        AccessLogEntry.parse("1767225600.123\t-\t/ping\t400\tNONE\t-\t-\t3\t."));
  }

  @Test
  void parse_wrongFieldCount_throwsQuotingLine() {
    TestkitException e = assertThrows(TestkitException.class, () -> AccessLogEntry.parse("a\tb"));
    assertEquals("unexpected nginx access log line (2 fields, want 9): a\tb", e.getMessage());
  }

  @Test
  void presented_matchesSerialAndSubjectOnlyWhenVerified() {
    TestCertificate ca = TestCertificate.newRootCa("Log CA");
    TestCertificate app = TestCertificate.builder().issuer(ca).commonName("app").clientAuth().build();
    String serial = app.certificate().getSerialNumber().toString(16).toUpperCase(java.util.Locale.ROOT);
    String subject = app.certificate().getSubjectX500Principal().getName();
    assertTrue(new AccessLogEntry("GET", "/", 200, "SUCCESS", subject, "00" + serial, 1, false).presented(app));
    assertFalse(new AccessLogEntry("GET", "/", 400, "FAILED:unable to verify", subject, serial, 1, false)
        .presented(app));
    assertFalse(new AccessLogEntry("GET", "/", 200, "SUCCESS", "CN=other", serial, 1, false).presented(app));
    assertFalse(new AccessLogEntry("GET", "/", 200, "NONE", "", "", 1, false).presented(app));
  }
}
