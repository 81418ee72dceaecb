package dev.secureinflux.internal;

import dev.secureinflux.UnsafeQueryException;
import java.util.regex.Pattern;
import org.influxdb.dto.Query;

/**
 * Keeps statements out of URLs: everything but a plain {@code SELECT} or {@code SHOW} is re-sent as POST, where
 * influxdb-java puts the statement in the body, not in the {@code q=} URL parameter; bound parameters of a POST go
 * in the body with it ({@link BodyParameters}).
 *
 * <p>Secret-carrying statements ({@code CREATE USER .. WITH PASSWORD}, {@code SET PASSWORD ..},
 * {@code CREATE SUBSCRIPTION} and any statement quoting a URL with user info such as
 * {@code 'http://user:secret@host'}) may not have bound parameters: the secret belongs in the statement, which
 * the client sends only by POST, without the user's interceptors ({@link GuardedInfluxDB}).
 */
public final class Statements {
  private static final Pattern PASSWORD = Pattern.compile("(?i)(?<![A-Za-z0-9_])PASSWORD(?![A-Za-z0-9_])");
  private static final Pattern SUBSCRIPTION =
      Pattern.compile("(?i)(?<![A-Za-z0-9_])CREATE\\s+SUBSCRIPTION(?![A-Za-z0-9_])");
  private static final Pattern URL_USER_INFO = Pattern.compile("://[^/\\s'\"]*@");
  /** A single statement (at most a trailing ';') that starts with SELECT or SHOW. */
  private static final Pattern READ = Pattern.compile("(?is)\\s*(SELECT|SHOW)(?![A-Za-z0-9_])[^;]*;?\\s*");
  private static final Pattern INTO = Pattern.compile("(?i)(?<![A-Za-z0-9_])INTO(?![A-Za-z0-9_])");

  private Statements() {}

  /**
   * True when the statement may carry a secret: the keyword {@code PASSWORD} (any case, as a word),
   * {@code CREATE SUBSCRIPTION} (its destinations may hold user info), or a URL with user info.
   */
  public static boolean carriesSecret(Query query) {
    String command = query.getCommand();
    return command != null && (PASSWORD.matcher(command).find() || SUBSCRIPTION.matcher(command).find()
        || URL_USER_INFO.matcher(command).find());
  }

  /** True when the statement is one SELECT (without INTO) or SHOW, which may go by GET. */
  static boolean isRead(Query query) {
    String command = query.getCommand();
    return command != null && READ.matcher(command).matches() && !INTO.matcher(command).find();
  }

  /**
   * The query to send: {@code query} itself for a SELECT/SHOW without bound parameters or one already sent by POST
   * without them; otherwise the same statement and database by POST, its bound parameters (if any) in the body
   * beside the statement ({@link BodyParameters}). A SELECT/SHOW with bound parameters stays a GET (they go in the
   * URL, like the statement itself).
   *
   * @throws UnsafeQueryException when a secret-carrying statement has bound parameters
   */
  public static Query guard(Query query) {
    boolean secret = carriesSecret(query);
    if (secret && query.hasBoundParameters()) {
      throw new UnsafeQueryException("a statement with the PASSWORD keyword, CREATE SUBSCRIPTION or a URL with "
          + "user info cannot have bound parameters: put the (quoted) value in the statement, or use "
          + "dev.secureinflux.auth's user administration API");
    }
    boolean read = !secret && isRead(query);
    if (query.hasBoundParameters()) {
      return read && !query.requiresPost() ? query : BodyParameters.query(query);
    }
    return query.requiresPost() || read ? query : new Query(query.getCommand(), query.getDatabase(), true);
  }
}
