package dev.secureinflux.internal;

import dev.secureinflux.UnsafeQueryException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;
import org.influxdb.dto.Query;

/**
 * Keeps statements out of URLs: everything but a plain {@code SELECT} or {@code SHOW} is re-sent as POST, where
 * influxdb-java puts the statement in the body, not in the {@code q=} URL parameter; bound parameters of a POST go
 * in the body with it ({@link BodyParameters}).
 *
 * <p>Secret-carrying statements ({@code CREATE USER .. WITH PASSWORD}, {@code SET PASSWORD ..}, every statement
 * naming subscriptions, whose destination URLs hold user info, and any statement or bound parameter holding a URL
 * with user info such as {@code 'http://user:secret@host'}) may not have bound parameters: the secret belongs in
 * the statement, which the client sends only by POST, without the user's interceptors ({@link GuardedInfluxDB}).
 *
 * <p>The classification fails closed rather than parse InfluxQL: a keyword counts wherever it stands as a word
 * (also inside a comment, a string or a quoted identifier, so {@code SELECT * FROM "password"} counts too), and
 * InfluxQL's comments (<code>/* .. *&#47;</code> and {@code --} to the end of the line) cannot hide one: their
 * delimiters are not part of any word.
 */
public final class Statements {
  /**
   * Where an InfluxQL keyword starts and ends: InfluxQL's unquoted words are ASCII letters, digits and '_', and
   * start with a letter or '_' (so a digit before the keyword ends a number token, not a word).
   */
  private static final String BEFORE = "(?<![A-Za-z_])";
  private static final String AFTER = "(?![A-Za-z0-9_])";
  private static final Pattern PASSWORD = Pattern.compile("(?i)" + BEFORE + "PASSWORD" + AFTER);
  /** CREATE, DROP and SHOW SUBSCRIPTION(S): the destinations they send or list may hold user info. */
  private static final Pattern SUBSCRIPTION = Pattern.compile("(?i)" + BEFORE + "SUBSCRIPTIONS?" + AFTER);
  /** User info: anything but '/' and white space between "://" and '@' (quotes and backslash escapes too). */
  private static final Pattern URL_USER_INFO = Pattern.compile("://[^/\\s]*@");
  /** A single statement (at most a trailing ';') that starts with SELECT or SHOW. */
  private static final Pattern READ = Pattern.compile("(?is)\\s*(SELECT|SHOW)(?![A-Za-z0-9_])[^;]*;?\\s*");
  private static final Pattern INTO = Pattern.compile("(?i)(?<![A-Za-z0-9_])INTO(?![A-Za-z0-9_])");

  private Statements() {}

  /**
   * True when the statement may carry or reveal a secret: the keyword {@code PASSWORD}, {@code SUBSCRIPTION} or
   * {@code SUBSCRIPTIONS} (any case, as a word, anywhere: {@code CREATE SUBSCRIPTION} sends destination URLs,
   * {@code SHOW SUBSCRIPTIONS} answers them), or a URL with user info in the statement or in a bound parameter.
   */
  public static boolean carriesSecret(Query query) {
    String command = query.getCommand();
    return command != null && (PASSWORD.matcher(command).find() || SUBSCRIPTION.matcher(command).find()
        || URL_USER_INFO.matcher(command).find()) || userInfoInParameters(query);
  }

  /**
   * Whether a string of the bound parameters' JSON (a value, or a name) holds a URL with user info; each string
   * on its own, so that a URL in one value and an '@' in the next do not add up. True (fail closed) when the JSON
   * cannot be decoded.
   */
  private static boolean userInfoInParameters(Query query) {
    String json;
    try {
      json = URLDecoder.decode(query.getParameterJsonWithUrlEncoded(), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return true;
    }
    StringBuilder string = null;
    for (int i = 0; i < json.length(); i++) {
      char c = json.charAt(i);
      if (string == null) {
        if (c == '"') {
          string = new StringBuilder();
        }
      } else if (c == '\\' && i + 1 < json.length()) {
        string.append(c).append(json.charAt(++i)); // An escape stays as written: '\"' is part of the string.
      } else if (c == '"') {
        if (URL_USER_INFO.matcher(string).find()) {
          return true;
        }
        string = null;
      } else {
        string.append(c);
      }
    }
    return string != null && URL_USER_INFO.matcher(string).find();
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
   * URL, like the statement itself). Secret-carrying statements ({@link #carriesSecret}, {@code SHOW SUBSCRIPTIONS}
   * included) always go by POST.
   *
   * @throws UnsafeQueryException when a secret-carrying statement has bound parameters
   */
  public static Query guard(Query query) {
    boolean secret = carriesSecret(query);
    if (secret && query.hasBoundParameters()) {
      throw new UnsafeQueryException("a statement with the keyword PASSWORD, SUBSCRIPTION or SUBSCRIPTIONS "
          + "(CREATE SUBSCRIPTION, SET PASSWORD, ..), or with a URL holding user info (scheme://user:password@host, "
          + "in the statement or a bound parameter), cannot have bound parameters: put the (quoted) value in the "
          + "statement, or use dev.secureinflux.auth's user administration API");
    }
    boolean read = !secret && isRead(query);
    if (query.hasBoundParameters()) {
      return read && !query.requiresPost() ? query : BodyParameters.query(query);
    }
    return query.requiresPost() || read ? query : new Query(query.getCommand(), query.getDatabase(), true);
  }
}
