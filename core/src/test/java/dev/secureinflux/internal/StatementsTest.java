package dev.secureinflux.internal;

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
}
