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
    assertEquals(query.getCommand(), guarded.getCommand());
    assertEquals("db", guarded.getDatabase());
    assertEquals(query.getParameterJsonWithUrlEncoded(), guarded.getParameterJsonWithUrlEncoded());
  }

  /**
   * influxdb-java routes a POST with bound parameters to postQuery(db, epoch, q) from query(Query): the statement
   * went to epoch= in the URL. The guarded query reports none, so it takes the POST overload with the statement in
   * the body, where BodyParameters finds the parameters behind its marker.
   */
  @ParameterizedTest
  @ValueSource(strings = {"DELETE FROM m WHERE host = $host", "SELECT * INTO m2 FROM m WHERE host = $host",
      "SELECT * FROM m WHERE host = $host; SELECT 1"})
  void guard_postWithBoundParameters_reportsNoneAndCarriesThemBehindMarker(String statement) {
    Query query = new Query(statement, "db").bindParameter("host", "a");
    Query guarded = Statements.guard(query);
    assertFalse(guarded.hasBoundParameters());
    assertEquals(Query.encode(statement) + BodyParameters.MARKER + query.getParameterJsonWithUrlEncoded(),
        guarded.getCommandWithUrlEncoded());
  }

  @Test
  void guard_readWithBoundParametersAlreadyPost_parametersGoInBody() {
    Query query = new Query("SELECT * FROM m WHERE host = $host", "db", true).bindParameter("host", "a");
    Query guarded = Statements.guard(query);
    assertTrue(guarded.requiresPost());
    assertFalse(guarded.hasBoundParameters());
    assertTrue(guarded.getCommandWithUrlEncoded().contains(BodyParameters.MARKER));
  }

  @Test
  void guard_readWithBoundParameters_staysGet() {
    Query query = new Query("SELECT * FROM m WHERE host = $host", "db").bindParameter("host", "a");
    assertSame(query, Statements.guard(query));
  }

  @Test
  void encode_anyStatement_neverHoldsMarker() {
    // The marker's bare '%' is not followed by two hex digits: Query.encode never writes that.
    for (String statement : java.util.List.of("%.params.", "a%.params.b", "%%", "%zz", "SELECT '%.p'")) {
      assertFalse(Query.encode(statement).contains(BodyParameters.MARKER), statement);
    }
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
