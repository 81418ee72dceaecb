package dev.secureinflux.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class InfluxQlTest {
  @Test
  void identifier_plain_isDoubleQuoted() {
    assertEquals("\"telegraf\"", InfluxQl.identifier("telegraf"));
  }

  @Test
  void identifier_quotesBackslashesNewlines_areEscaped() {
    assertEquals("\"a\\\"b\\\\c\\nd'e\"", InfluxQl.identifier("a\"b\\c\nd'e"));
  }

  @Test
  void identifier_injectionAttempt_staysInsideQuotes() {
    String evil = "x\" WITH ALL PRIVILEGES; DROP USER \"admin";
    assertEquals("\"x\\\" WITH ALL PRIVILEGES; DROP USER \\\"admin\"", InfluxQl.identifier(evil));
  }

  @Test
  void identifier_spacesAndNonAscii_keptLiterally() {
    assertEquals("\"über user 名\"", InfluxQl.identifier("über user 名"));
  }

  @Test
  void identifier_blank_throws() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> InfluxQl.identifier(" "));
    assertTrue(e.getMessage().contains("name is blank"), e.getMessage());
  }

  @Test
  void identifier_carriageReturn_throws() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> InfluxQl.identifier("a\rb"));
    assertTrue(e.getMessage().contains("carriage return (U+000D) at index 1"), e.getMessage());
  }

  @Test
  void identifier_nul_throws() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> InfluxQl.identifier("a\0"));
    assertTrue(e.getMessage().contains("NUL (U+0000)"), e.getMessage());
  }

  @Test
  void identifier_unpairedSurrogate_throws() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> InfluxQl.identifier("a\uDC00"));
    assertTrue(e.getMessage().contains("unpaired UTF-16 surrogate"), e.getMessage());
    assertEquals("\"😀\"", InfluxQl.identifier("😀")); // a pair is fine
  }

  @Test
  void stringLiteral_quotesBackslashesNewlines_areEscaped() {
    assertEquals("'it\\'s \\\\ \"ok\"\\n'", InfluxQl.stringLiteral("it's \\ \"ok\"\n"));
  }

  @Test
  void stringLiteral_injectionAttempt_staysInsideQuotes() {
    assertEquals("'x\\' WITH ALL PRIVILEGES --'", InfluxQl.stringLiteral("x' WITH ALL PRIVILEGES --"));
  }

  @Test
  void statement_toString_redactsPassword() {
    InfluxQlStatement s = InfluxQlStatement.of("CREATE USER ", InfluxQl.identifier("bob"), " WITH PASSWORD ",
        InfluxQlStatement.password("pa'ss\\wörd\n".toCharArray(), "bob"));
    assertEquals("CREATE USER \"bob\" WITH PASSWORD [REDACTED]", s.toString());
    assertTrue(s.carriesSecret());
    assertEquals("CREATE USER \"bob\" WITH PASSWORD 'pa\\'ss\\\\wörd\\n'", s.toInfluxQl(InsecureSecretAccess.get()));
  }

  @Test
  void statement_destroy_wipesPassword() {
    InfluxQlStatement s = InfluxQlStatement.of("SET PASSWORD FOR \"bob\" = ",
        InfluxQlStatement.password("pw".toCharArray(), "bob"));
    s.destroy();
    assertThrows(IllegalStateException.class, () -> s.toInfluxQl(InsecureSecretAccess.get()));
  }

  @Test
  void password_tooLongForBcrypt_throwsWithLengthOnly() {
    char[] pw = "ä".repeat(37).toCharArray(); // 74 bytes
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> InfluxQlStatement.password(pw, "bob"));
    assertTrue(e.getMessage().contains("is 74 bytes in UTF-8") && e.getMessage().contains("bcrypt"), e.getMessage());
    assertFalse(e.getMessage().contains("ää"), e.getMessage());
  }

  @Test
  void password_carriageReturn_throwsWithoutSecret() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> InfluxQlStatement.password("sec\rret".toCharArray(), "bob"));
    assertTrue(e.getMessage().startsWith("password for user \"bob\" holds a carriage return"), e.getMessage());
    assertFalse(e.getMessage().contains("sec"), e.getMessage());
  }

  @Test
  void password_empty_throws() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> InfluxQlStatement.password(new char[0], "bob"));
    assertTrue(e.getMessage().contains("is empty or blank"), e.getMessage());
  }

  @Test
  void statementQuery_toString_redactsPassword() {
    InfluxQlStatement s = InfluxQlStatement.of("CREATE USER \"bob\" WITH PASSWORD ",
        InfluxQlStatement.password("topsecret".toCharArray(), "bob"));
    InfluxUsers.StatementQuery q = new InfluxUsers.StatementQuery(s);
    assertEquals("Query(POST CREATE USER \"bob\" WITH PASSWORD [REDACTED])", q.toString());
    assertTrue(q.requiresPost());
  }
}
