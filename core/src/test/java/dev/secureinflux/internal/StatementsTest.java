package dev.secureinflux.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.secureinflux.UnsafeQueryException;
import java.util.List;
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
      "SHOW DATABASES"})
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

  /** InfluxQL skips comments between keywords: CREATE /* c *&#47; SUBSCRIPTION runs as CREATE SUBSCRIPTION. */
  @ParameterizedTest
  @ValueSource(strings = {
      "CREATE /* c */ SUBSCRIPTION \"s\" ON \"db\".\"autogen\" DESTINATIONS ALL 'udp://k.example.invalid:9092'",
      "CREATE/**/SUBSCRIPTION s ON db.autogen DESTINATIONS ALL 'udp://k.example.invalid:9092'",
      "create -- for alerts\nsubscription s ON db.autogen DESTINATIONS ANY 'udp://k.example.invalid:9092'",
      "CREATE --\n/* a */ --\n Subscription s ON db.autogen DESTINATIONS ALL 'udp://k.example.invalid:9092'"})
  void carriesSecret_subscriptionSplitByComment_true(String statement) {
    assertTrue(Statements.carriesSecret(new Query(statement)), statement);
    assertTrue(Statements.guard(new Query(statement, "db")).requiresPost(), statement);
  }

  /** InfluxQL's string escapes \' and \" may stand in a password: the user info goes on to the '@'. */
  @ParameterizedTest
  @ValueSource(strings = {"ALTER SOMETHING 'http://sub:TOP\\'SECRET@h.example.invalid:9'",
      "ALTER SOMETHING 'https://sub:TOP\\\"SECRET@h.example.invalid'",
      "ALTER SOMETHING 'http://sub:\\'@h.example.invalid'", "ALTER SOMETHING \"http://u:p\\\"w@h.example.invalid\""})
  void carriesSecret_userInfoWithEscapedQuote_true(String statement) {
    assertTrue(Statements.carriesSecret(new Query(statement)), statement);
  }

  @Test
  void carriesSecret_userInfoInBoundParameter_true() {
    for (String value : List.of("http://sub:hunter2@h.example.invalid:9", "https://sub:hun\"ter\\2@h.example.invalid",
        "udp://sub:p'w@h.example.invalid:9", "http://user@h.example.invalid")) {
      Query query = new Query("SELECT * FROM m WHERE destination = $d", "db").bindParameter("n", 1)
          .bindParameter("d", value);
      assertTrue(Statements.carriesSecret(query), value);
      UnsafeQueryException e = assertThrows(UnsafeQueryException.class, () -> Statements.guard(query));
      assertTrue(e.getMessage().contains("in the statement or a bound parameter"), e.getMessage());
      assertFalse(e.getMessage().contains("hunter2"), e.getMessage());
    }
  }

  @Test
  void carriesSecret_urlAndAtSignInDifferentParameters_false() {
    Query query = new Query("SELECT * FROM m WHERE u = $u AND e = $e", "db")
        .bindParameter("u", "http://h.example.invalid").bindParameter("e", "ops@example.invalid");
    assertFalse(Statements.carriesSecret(query));
    assertSame(query, Statements.guard(query));
  }

  @ParameterizedTest
  @ValueSource(strings = {"SELECT subscriptions_total FROM m", "SELECT * FROM mysubscription",
      "SELECT * FROM m WHERE u = 'http://h.example.invalid/a@b'", "SHOW MEASUREMENTS WITH MEASUREMENT =~ /sub/"})
  void carriesSecret_keywordInsideWordOrAtSignAfterPath_false(String statement) {
    assertFalse(Statements.carriesSecret(new Query(statement)), statement);
  }

  /** The Probe6 statement of the review: the destination in a parameter, the keyword behind a comment. */
  @Test
  void guard_commentedSubscriptionWithBoundParameters_refused() {
    Query query = new Query("CREATE /* subscription for alerts */ SUBSCRIPTION \"s1\" ON \"db\".\"autogen\" "
        + "DESTINATIONS ALL $dest").bindParameter("dest", "http://sub:hunter2@h.example.invalid:9");
    UnsafeQueryException e = assertThrows(UnsafeQueryException.class, () -> Statements.guard(query));
    assertTrue(e.getMessage().contains("cannot have bound parameters"), e.getMessage());
    assertFalse(e.getMessage().contains("hunter2"), e.getMessage());
    Query withoutUserInfo = new Query("CREATE /**/ SUBSCRIPTION s ON db.autogen DESTINATIONS ALL $d")
        .bindParameter("d", "udp://h.example.invalid:9");
    assertThrows(UnsafeQueryException.class, () -> Statements.guard(withoutUserInfo));
  }

  /** SHOW SUBSCRIPTIONS answers every destination URL with its user:password: secret, so POST by the secret path. */
  @ParameterizedTest
  @ValueSource(strings = {"SHOW SUBSCRIPTIONS", "show /* all */ subscriptions;", "SHOW\nSUBSCRIPTIONS"})
  void guard_showSubscriptions_secretAndPost(String statement) {
    Query query = new Query(statement);
    assertTrue(Statements.carriesSecret(query), statement);
    Query guarded = Statements.guard(query);
    assertTrue(guarded.requiresPost(), statement);
    assertEquals(statement, guarded.getCommand());
  }
}
