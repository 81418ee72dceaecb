package dev.secureinflux.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.secureinflux.UnsafeQueryException;
import org.influxdb.dto.Query;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StatementsTest {
  @ParameterizedTest
  @ValueSource(strings = {"CREATE USER a WITH PASSWORD 'x'", "set password for \"a\" = 'x'",
      "create user a with Password 'x' with all privileges", "CREATE USER a WITH PASSWORD\n'x'"})
  void guard_passwordStatementAsGet_becomesPost(String statement) {
    Query guarded = Statements.guard(new Query(statement));
    assertTrue(guarded.requiresPost());
    assertTrue(guarded.getCommand().equals(statement));
  }

  @ParameterizedTest
  @ValueSource(strings = {"SELECT * FROM passwords", "SELECT password_hash FROM m", "SHOW USERS",
      "SELECT mypassword FROM m"})
  void guard_otherStatements_unchanged(String statement) {
    Query query = new Query(statement, "db");
    assertSame(query, Statements.guard(query));
    assertFalse(Statements.guard(query).requiresPost());
  }

  @Test
  void guard_passwordStatementWithBoundParameters_refused() {
    Query query = new Query("SET PASSWORD FOR a = $pw").bindParameter("pw", "hunter2");
    UnsafeQueryException e = assertThrows(UnsafeQueryException.class, () -> Statements.guard(query));
    assertTrue(e.getMessage().contains("bound parameters"), e.getMessage());
    assertFalse(e.getMessage().contains("hunter2"), e.getMessage());
  }

  @ParameterizedTest
  @ValueSource(strings = {"CREATE DATABASE db", "DROP DATABASE db", "DELETE FROM m WHERE time < now() - 1d",
      "CREATE RETENTION POLICY rp ON db DURATION 1d REPLICATION 1", "GRANT ALL TO a", "KILL QUERY 1",
      "ALTER RETENTION POLICY rp ON db DURATION 2d", "SELECT * INTO m2 FROM m", "SHOW DATABASES; DROP DATABASE db",
      "-- comment\nSELECT 1", "DROP SUBSCRIPTION s ON db.autogen"})
  void guard_nonReadStatement_becomesPostWithSameCommandAndDatabase(String statement) {
    Query guarded = Statements.guard(new Query(statement, "db"));
    assertTrue(guarded.requiresPost(), statement);
    assertEquals(statement, guarded.getCommand());
    assertEquals("db", guarded.getDatabase());
  }

  @ParameterizedTest
  @ValueSource(strings = {"SELECT * FROM m", " select v from m where t = 'x';", "SHOW MEASUREMENTS",
      "SHOW SUBSCRIPTIONS"})
  void guard_singleSelectOrShow_staysGet(String statement) {
    Query query = new Query(statement, "db");
    assertSame(query, Statements.guard(query));
  }

  @Test
  void guard_nonReadStatementWithBoundParameters_postKeepsParameters() {
    Query query = new Query("DELETE FROM m WHERE host = $host", "db").bindParameter("host", "a");
    Query guarded = Statements.guard(query);
    assertTrue(guarded.requiresPost());
    assertTrue(guarded.hasBoundParameters());
    assertEquals(query.getParameterJsonWithUrlEncoded(), guarded.getParameterJsonWithUrlEncoded());
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "CREATE SUBSCRIPTION \"s\" ON \"db\".\"autogen\" DESTINATIONS ALL 'http://kapacitor:secret@k.example.invalid:9092'",
      "create   subscription s ON db.autogen DESTINATIONS ANY 'udp://k.example.invalid:9092'",
      "ALTER SOMETHING 'https://u:secret@h.example.invalid'"})
  void carriesSecret_subscriptionOrUrlWithUserInfo_true(String statement) {
    assertTrue(Statements.carriesSecret(new Query(statement)), statement);
    assertTrue(Statements.guard(new Query(statement)).requiresPost(), statement);
  }

  @Test
  void guard_subscriptionWithBoundParameters_refused() {
    Query query = new Query("CREATE SUBSCRIPTION s ON db.autogen DESTINATIONS ALL $d")
        .bindParameter("d", "http://kapacitor:secret@k.example.invalid");
    UnsafeQueryException e = assertThrows(UnsafeQueryException.class, () -> Statements.guard(query));
    assertTrue(e.getMessage().contains("CREATE SUBSCRIPTION"), e.getMessage());
    assertFalse(e.getMessage().contains("secret@"), e.getMessage());
  }
}
