package dev.secureinflux.auth;

import java.util.Objects;

/**
 * One row of {@code SHOW USERS}: a user name and whether the user is an admin.
 *
 * @param name the user name
 * @param admin whether the user holds all privileges (is an admin)
 */
public record UserInfo(String name, boolean admin) {
  /** Checks for null. */
  public UserInfo {
    Objects.requireNonNull(name, "name == null");
  }
}
