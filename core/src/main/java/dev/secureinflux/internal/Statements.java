package dev.secureinflux.internal;

import dev.secureinflux.UnsafeQueryException;
import java.util.regex.Pattern;
import org.influxdb.dto.Query;

/**
 * Keeps statements out of URLs: everything but a plain {@code SELECT} or {@code SHOW} is re-sent as POST, where
 * influxdb-java puts the statement in the body, not in the {@code q=} URL parameter.
 *
 * <p>Secret-carrying statements ({@code CREATE USER .. WITH PASSWORD}, {@code SET PASSWORD ..},
 * {@code CREATE SUBSCRIPTION} and any statement quoting a URL with user info such as
 * {@code 'http://user:secret@host'}) also may not have bound parameters, which influxdb-java always sends in the
 * URL.
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
   * The query to send: {@code query} itself for a SELECT/SHOW (or one already sent by POST), otherwise the same
   * statement, database and bound parameters by POST.
   *
   * @throws UnsafeQueryException when a secret-carrying statement has bound parameters (they go in the URL)
   */
  public static Query guard(Query query) {
    boolean secret = carriesSecret(query);
    if (secret && query.hasBoundParameters()) {
      throw new UnsafeQueryException("a statement with the PASSWORD keyword, CREATE SUBSCRIPTION or a URL with "
          + "user info cannot have bound parameters: influxdb-java sends them in the URL. Put the (quoted) value "
          + "in the statement, or use dev.secureinflux.auth's user administration API");
    }
    if (query.requiresPost() || (!secret && isRead(query))) {
      return query;
    }
    return new PostQuery(query);
  }

  /** {@code original} by POST, keeping its bound parameters (influxdb-java has no getter for them). */
  private static final class PostQuery extends Query {
    private final Query original;

    PostQuery(Query original) {
      super(original.getCommand(), original.getDatabase(), true);
      this.original = original;
    }

    @Override
    public boolean hasBoundParameters() {
      return original.hasBoundParameters();
    }

    @Override
    public String getParameterJsonWithUrlEncoded() {
      return original.getParameterJsonWithUrlEncoded();
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof PostQuery && original.equals(((PostQuery) other).original);
    }

    @Override
    public int hashCode() {
      return original.hashCode();
    }
  }
}
