package dev.secureinflux.internal;

import dev.secureinflux.UnsafeQueryException;
import java.util.regex.Pattern;
import org.influxdb.dto.Query;

/**
 * Keeps password-carrying InfluxQL out of URLs: such statements ({@code CREATE USER .. WITH PASSWORD},
 * {@code SET PASSWORD ..}) are re-sent as POST, where influxdb-java puts the statement in the body.
 */
public final class Statements {
  private static final Pattern PASSWORD = Pattern.compile("(?i)(?<![A-Za-z0-9_])PASSWORD(?![A-Za-z0-9_])");

  private Statements() {}

  /** True when the statement contains the keyword {@code PASSWORD} (any case, as a word). */
  public static boolean carriesPassword(Query query) {
    return query.getCommand() != null && PASSWORD.matcher(query.getCommand()).find();
  }

  /**
   * The query to send: {@code query} itself, or for a password-carrying GET the same statement as POST.
   *
   * @throws UnsafeQueryException when a password-carrying statement has bound parameters (they go in the URL)
   */
  public static Query guard(Query query) {
    if (!carriesPassword(query)) {
      return query;
    }
    if (query.hasBoundParameters()) {
      throw new UnsafeQueryException("a statement with the PASSWORD keyword cannot have bound parameters: "
          + "influxdb-java sends them in the URL. Put the (quoted) password in the statement, or use "
          + "dev.secureinflux.auth's user administration API");
    }
    return query.requiresPost() ? query : new Query(query.getCommand(), query.getDatabase(), true);
  }
}
