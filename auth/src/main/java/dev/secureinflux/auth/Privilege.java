package dev.secureinflux.auth;

/** An InfluxDB 1.x privilege on one database. */
public enum Privilege {
  /** Query the database. */
  READ("READ"),
  /** Write points to the database. */
  WRITE("WRITE"),
  /** Both READ and WRITE. */
  ALL("ALL");

  final String keyword;

  Privilege(String keyword) {
    this.keyword = keyword;
  }

  /** Parses the privilege column of {@code SHOW GRANTS}; {@code null} for {@code NO PRIVILEGES}. */
  static Privilege fromShowGrants(String text) {
    switch (text) {
      case "READ":
        return READ;
      case "WRITE":
        return WRITE;
      case "ALL PRIVILEGES":
      case "ALL":
        return ALL;
      case "NO PRIVILEGES":
        return null;
      default:
        throw new UserManagementException("unknown privilege in SHOW GRANTS: " + text);
    }
  }
}
