package dev.secureinflux.auth;

import java.util.Objects;

/**
 * One row of {@code SHOW GRANTS FOR user}: a database and the privilege the user holds on it.
 *
 * @param database the database name
 * @param privilege the privilege on it
 */
public record Grant(String database, Privilege privilege) {
  /** Checks for null. */
  public Grant {
    Objects.requireNonNull(database, "database == null");
    Objects.requireNonNull(privilege, "privilege == null");
  }
}
