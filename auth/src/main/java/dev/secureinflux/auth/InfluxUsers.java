package dev.secureinflux.auth;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.influxdb.InfluxDB;
import org.influxdb.InfluxDBException;
import org.influxdb.dto.Query;
import org.influxdb.dto.QueryResult;

/**
 * InfluxDB 1.x users and privileges, over a connection of an admin user: create users and admins, set
 * passwords, grant and revoke {@link Privilege}s, drop users, list users and grants, and provision an
 * application user idempotently.
 *
 * <h2>Secure defaults</h2>
 * <ul>
 *   <li>Names and passwords are quoted by {@link InfluxQl}, so they are taken literally: nothing can be
 *       injected through them.
 *   <li>Every statement goes in a POST body, never in a URL; {@code toString()} of every statement and query
 *       shows passwords as {@code [REDACTED]}.
 *   <li>Only clients implementing {@link CredentialSafeClient} are accepted (the core module's client does, and
 *       sends statements carrying a password without the interceptors of the user's OkHttp builder, so a user's
 *       {@code HttpLoggingInterceptor} at {@code BODY} never logs them): a bare influxdb-java client could send new
 *       passwords over plain HTTP or log them.
 *   <li>As defence in depth, since influxdb-java's {@code FULL} log level logs request bodies, the log level of
 *       the admin {@code InfluxDB} is set to {@code NONE} when this object is created and again before each
 *       statement that carries a password. This is not thread-safe: another thread calling
 *       {@code setLogLevel(FULL)} on the same client between the two steps would log the body. Do not change
 *       the admin client's log level while it is in use here.
 *   <li>When a statement carrying a password fails, the server's message is withheld (it could echo the
 *       statement) unless it is a known-safe text such as {@code user already exists}.
 * </ul>
 *
 * <h2>Refusals</h2>
 * {@link IllegalArgumentException} for blank names, empty or blank passwords, passwords over 72 UTF-8 bytes
 * (bcrypt would ignore the rest), and text InfluxQL cannot express (carriage return, NUL, unpaired surrogate);
 * {@link UserManagementException} when the server refuses a statement; {@link AuthorizationException} when the
 * admin connection's user lacks the admin privilege.
 *
 * <pre>{@code
 * InfluxUsers users = InfluxUsers.create(adminInflux);
 * users.provision("telegraf", password, "metrics", Privilege.WRITE);
 * }</pre>
 */
public final class InfluxUsers {
  private static final Set<String> SAFE_ERRORS = Set.of("user already exists", "user not found");

  private final InfluxDB admin;

  private InfluxUsers(InfluxDB admin) {
    this.admin = admin;
  }

  /**
   * Users API over {@code admin}, whose log level is set to {@code NONE}.
   *
   * @throws IllegalArgumentException if {@code admin} does not implement {@link CredentialSafeClient} (a bare
   *     influxdb-java client could send new passwords in plaintext or log them): build it with
   *     {@code SecureInflux.builder()}
   */
  public static InfluxUsers create(InfluxDB admin) {
    Objects.requireNonNull(admin, "admin == null");
    if (!(admin instanceof CredentialSafeClient)) {
      throw new IllegalArgumentException("InfluxUsers needs a client that sends passwords only over verified TLS or"
          + " to loopback and cannot log request bodies, got " + admin.getClass().getName() + ": build the admin"
          + " connection with SecureInflux.builder() (it implements " + CredentialSafeClient.class.getName() + ")");
    }
    admin.setLogLevel(InfluxDB.LogLevel.NONE);
    return new InfluxUsers(admin);
  }

  /** {@code CREATE USER name WITH PASSWORD password}; the caller may wipe {@code password} afterwards. */
  public void createUser(String name, char[] password) {
    String user = InfluxQl.identifier(name);
    run(InfluxQlStatement.of("CREATE USER ", user, " WITH PASSWORD ", InfluxQlStatement.password(password, name)));
  }

  /** {@code CREATE USER name WITH PASSWORD password WITH ALL PRIVILEGES}: an admin. */
  public void createAdmin(String name, char[] password) {
    String user = InfluxQl.identifier(name);
    run(InfluxQlStatement.of("CREATE USER ", user, " WITH PASSWORD ", InfluxQlStatement.password(password, name),
        " WITH ALL PRIVILEGES"));
  }

  /** {@code SET PASSWORD FOR name = password}. */
  public void setPassword(String name, char[] password) {
    String user = InfluxQl.identifier(name);
    run(InfluxQlStatement.of("SET PASSWORD FOR ", user, " = ", InfluxQlStatement.password(password, name)));
  }

  /** {@code GRANT privilege ON database TO name}; replaces the user's privilege on that database. */
  public void grant(String name, Privilege privilege, String database) {
    Objects.requireNonNull(privilege, "privilege == null");
    run(InfluxQlStatement.of("GRANT ", privilege.keyword, " ON ", InfluxQl.identifier(database), " TO ",
        InfluxQl.identifier(name)));
  }

  /** {@code REVOKE privilege ON database FROM name}. */
  public void revoke(String name, Privilege privilege, String database) {
    Objects.requireNonNull(privilege, "privilege == null");
    run(InfluxQlStatement.of("REVOKE ", privilege.keyword, " ON ", InfluxQl.identifier(database), " FROM ",
        InfluxQl.identifier(name)));
  }

  /** {@code GRANT ALL PRIVILEGES TO name}: makes the user an admin. */
  public void grantAdmin(String name) {
    run(InfluxQlStatement.of("GRANT ALL PRIVILEGES TO ", InfluxQl.identifier(name)));
  }

  /** {@code REVOKE ALL PRIVILEGES FROM name}: the user is no longer an admin. */
  public void revokeAdmin(String name) {
    run(InfluxQlStatement.of("REVOKE ALL PRIVILEGES FROM ", InfluxQl.identifier(name)));
  }

  /** {@code DROP USER name}. */
  public void dropUser(String name) {
    run(InfluxQlStatement.of("DROP USER ", InfluxQl.identifier(name)));
  }

  /** {@code SHOW USERS}, as an unmodifiable list. */
  public List<UserInfo> listUsers() {
    List<UserInfo> users = new ArrayList<>();
    for (List<Object> row : rows(run(InfluxQlStatement.of("SHOW USERS")))) {
      users.add(new UserInfo((String) row.get(0), Boolean.TRUE.equals(row.get(1))));
    }
    return List.copyOf(users);
  }

  /** {@code SHOW GRANTS FOR name}, without databases where the user has no privilege. */
  public List<Grant> grants(String name) {
    List<Grant> grants = new ArrayList<>();
    for (List<Object> row : rows(run(InfluxQlStatement.of("SHOW GRANTS FOR ", InfluxQl.identifier(name))))) {
      Privilege privilege = Privilege.fromShowGrants((String) row.get(1));
      if (privilege != null) {
        grants.add(new Grant((String) row.get(0), privilege));
      }
    }
    return List.copyOf(grants);
  }

  /** Same as {@link #provision(String, char[], String, Set)} with one privilege. */
  public void provision(String name, char[] password, String database, Privilege privilege) {
    Objects.requireNonNull(privilege, "privilege == null");
    provision(name, password, database, EnumSet.of(privilege));
  }

  /**
   * Makes it so that user {@code name} exists with exactly {@code password}, exactly {@code privileges} on
   * {@code database} (READ and WRITE together are ALL; none revokes all), and is not an admin. Idempotent.
   * Privileges on other databases are left as they are; the steps are not atomic.
   *
   * @throws IllegalArgumentException for a blank name or database, an unusable password, or {@code name} being
   *     the admin connection's own user (when the client reports it through
   *     {@link CredentialSafeClient#authenticatedUser()}), before any statement is sent
   * @throws UserManagementException if {@code database} does not exist, before any user is created or changed
   */
  public void provision(String name, char[] password, String database, Set<Privilege> privileges) {
    Objects.requireNonNull(privileges, "privileges == null");
    InfluxQl.identifier(name);
    InfluxQl.identifier(database);
    InfluxQlStatement.password(password, name).destroy();
    if (((CredentialSafeClient) admin).authenticatedUser().filter(name::equals).isPresent()) {
      throw new IllegalArgumentException("refusing to provision user " + name + ": it is the admin connection's own"
          + " user, and provisioning revokes its admin privilege; provision application users, not the admin");
    }
    if (!databases().contains(database)) {
      throw new UserManagementException("cannot provision user " + name + ": database \"" + database + "\" does not"
          + " exist; create it first (CREATE DATABASE), nothing was changed");
    }
    Privilege wanted = combine(EnumSet.copyOf(privileges.isEmpty() ? EnumSet.noneOf(Privilege.class) : privileges));
    Optional<UserInfo> existing = listUsers().stream().filter(u -> u.name().equals(name)).findFirst();
    if (existing.isEmpty()) {
      createUser(name, password);
    } else {
      setPassword(name, password);
      if (existing.get().admin()) {
        revokeAdmin(name);
      }
    }
    Privilege current = grants(name).stream().filter(g -> g.database().equals(database))
        .map(Grant::privilege).findFirst().orElse(null);
    if (wanted == null && current != null) {
      revoke(name, Privilege.ALL, database);
    } else if (wanted != null && wanted != current) {
      grant(name, wanted, database);
    }
  }

  /** Format unspecified; never contains secrets. */
  @Override
  public String toString() {
    return "InfluxUsers";
  }

  private Set<String> databases() {
    Set<String> names = new java.util.HashSet<>();
    for (List<Object> row : rows(run(InfluxQlStatement.of("SHOW DATABASES")))) {
      names.add((String) row.get(0));
    }
    return names;
  }

  private static Privilege combine(Set<Privilege> privileges) {
    if (privileges.contains(Privilege.ALL)
        || (privileges.contains(Privilege.READ) && privileges.contains(Privilege.WRITE))) {
      return Privilege.ALL;
    }
    return privileges.isEmpty() ? null : privileges.iterator().next();
  }

  private QueryResult run(InfluxQlStatement statement) {
    boolean secret = statement.carriesSecret();
    QueryResult result;
    try {
      if (secret) {
        admin.setLogLevel(InfluxDB.LogLevel.NONE); // FULL would log the body, password included.
      }
      result = admin.query(new StatementQuery(statement));
    } catch (InfluxDBException e) {
      Optional<AuthException> typed = AuthException.unwrap(e); // AuthInterceptor's, inside InfluxDBIOException.
      if (typed.isPresent() && typed.get() instanceof AuthorizationException && secret) {
        throw new AuthorizationException(statement + " was refused (403): the admin connection's user lacks the"
            + " admin privilege");
      }
      if (typed.isPresent()) {
        throw typed.get();
      }
      throw failure(statement, e.getMessage(), e);
    } finally {
      statement.destroy();
    }
    String error = result.getError();
    if (error == null && result.getResults() != null) {
      error = result.getResults().stream().map(QueryResult.Result::getError).filter(Objects::nonNull)
          .findFirst().orElse(null);
    }
    if (error != null) {
      throw failure(statement, error, null);
    }
    return result;
  }

  private static UserManagementException failure(InfluxQlStatement statement, String error, Throwable cause) {
    if (statement.carriesSecret() && !SAFE_ERRORS.contains(error)) {
      return new UserManagementException(statement + " failed; the server's message is withheld because it could"
          + " echo the password");
    }
    return new UserManagementException(statement + " failed: " + error, statement.carriesSecret() ? null : cause);
  }

  private static List<List<Object>> rows(QueryResult result) {
    List<List<Object>> rows = new ArrayList<>();
    if (result.getResults() == null) {
      return rows;
    }
    for (QueryResult.Result r : result.getResults()) {
      if (r.getSeries() != null) {
        for (QueryResult.Series series : r.getSeries()) {
          if (series.getValues() != null) {
            rows.addAll(series.getValues());
          }
        }
      }
    }
    return rows;
  }

  /** A POST query whose {@code toString()} redacts passwords. */
  static final class StatementQuery extends Query {
    private final String redacted;

    StatementQuery(InfluxQlStatement statement) {
      super(statement.toInfluxQl(InsecureSecretAccess.get()), null, true);
      this.redacted = statement.toString();
    }

    @Override
    public String toString() {
      return "Query(POST " + redacted + ")";
    }
  }
}
