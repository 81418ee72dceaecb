package dev.secureinflux.internal;

import dev.secureinflux.auth.InfluxQl;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import org.influxdb.InfluxDBException;
import org.influxdb.dto.Query;
import org.influxdb.dto.QueryResult;

/**
 * The statements behind influxdb-java's deprecated {@code createDatabase}, {@code deleteDatabase},
 * {@code createRetentionPolicy}, {@code dropRetentionPolicy} and {@code describeDatabases}, with every name quoted
 * as an InfluxQL identifier by the auth module's {@link InfluxQl}, so that it is taken literally.
 *
 * <p>influxdb-java 2.25 puts names between double quotes without escaping them: {@code a"b} ends the identifier
 * early (a syntax error), and {@code x"; DROP DATABASE "y} appends a statement of the caller's choosing.
 */
final class LegacyStatements {
  /** influxdb-java's own duration rule (its {@code Preconditions.checkDuration}): spliced unquoted, so checked. */
  private static final Pattern DURATION = Pattern.compile("(\\d+[wdmhs])+|inf");

  private LegacyStatements() {}

  static Query createDatabase(String name) {
    return post("CREATE DATABASE " + name(name, "database name"));
  }

  static Query dropDatabase(String name) {
    return post("DROP DATABASE " + name(name, "database name"));
  }

  static Query showDatabases() {
    return new Query("SHOW DATABASES");
  }

  /**
   * {@code CREATE RETENTION POLICY}; {@code shardDuration} may be {@code null} or empty (server default).
   *
   * @throws IllegalArgumentException for a blank name, a duration influxdb-java would refuse, or a replication
   *     factor below 1
   */
  static Query createRetentionPolicy(String rpName, String database, String duration, String shardDuration,
      int replicationFactor, boolean isDefault) {
    StringBuilder statement = new StringBuilder("CREATE RETENTION POLICY ")
        .append(name(rpName, "retention policy name")).append(" ON ").append(name(database, "database name"))
        .append(" DURATION ").append(duration(duration, "duration"))
        .append(" REPLICATION ").append(replication(replicationFactor));
    if (shardDuration != null && !shardDuration.isEmpty()) {
      statement.append(" SHARD DURATION ").append(duration(shardDuration, "shardDuration"));
    }
    if (isDefault) {
      statement.append(" DEFAULT");
    }
    return post(statement.toString());
  }

  static Query dropRetentionPolicy(String rpName, String database) {
    return post("DROP RETENTION POLICY " + name(rpName, "retention policy name") + " ON "
        + name(database, "database name"));
  }

  /** The database names in {@code SHOW DATABASES}' result, as the server wrote them. */
  static List<String> databases(QueryResult result, String call) {
    check(result, call);
    List<String> names = new ArrayList<>();
    if (result == null) {
      return names;
    }
    for (QueryResult.Result r : result.getResults() == null ? List.<QueryResult.Result>of() : result.getResults()) {
      for (QueryResult.Series series : r.getSeries() == null ? List.<QueryResult.Series>of() : r.getSeries()) {
        for (List<Object> row : series.getValues() == null ? List.<List<Object>>of() : series.getValues()) {
          names.add(String.valueOf(row.get(0)));
        }
      }
    }
    return names;
  }

  /**
   * Throws {@link InfluxDBException} with the server's message when {@code result} reports an error, which
   * influxdb-java's deprecated calls silently ignored (a retention policy that was never created, say).
   */
  static void check(QueryResult result, String call) {
    String error = result == null ? null : result.getError();
    if (error == null && result != null && result.getResults() != null) {
      error = result.getResults().stream().filter(Objects::nonNull).map(QueryResult.Result::getError)
          .filter(Objects::nonNull).findFirst().orElse(null);
    }
    if (error != null) {
      throw new InfluxDBException(call + " failed: " + error);
    }
  }

  private static Query post(String statement) {
    return new Query(statement, null, true);
  }

  private static String name(String name, String what) {
    Objects.requireNonNull(name, what + " == null");
    if (name.isBlank()) {
      throw new IllegalArgumentException(what + " is blank: InfluxDB needs a non-blank name");
    }
    return InfluxQl.identifier(name);
  }

  private static String duration(String duration, String what) {
    Objects.requireNonNull(duration, what + " == null");
    if (!DURATION.matcher(duration).matches()) {
      throw new IllegalArgumentException(what + " must be an InfluxDB duration such as 30d, 1h30m or inf: "
          + duration);
    }
    return duration;
  }

  private static int replication(int replicationFactor) {
    if (replicationFactor < 1) {
      throw new IllegalArgumentException("replicationFactor must be at least 1: " + replicationFactor);
    }
    return replicationFactor;
  }
}
