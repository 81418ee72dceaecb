package dev.secureinflux.internal;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import org.influxdb.BatchOptions;
import org.influxdb.InfluxDB;
import org.influxdb.dto.BatchPoints;
import org.influxdb.dto.Point;
import org.influxdb.dto.Pong;

/**
 * Forwards the {@link InfluxDB} calls that need no guarding (methods returning the client return this one), and
 * runs influxdb-java's deprecated database and retention policy calls as statements with quoted names through
 * {@link #query(org.influxdb.dto.Query)} ({@link LegacyStatements}) instead of forwarding them.
 */
abstract class ForwardingInfluxDB implements InfluxDB {
  final InfluxDB delegate;

  ForwardingInfluxDB(InfluxDB delegate) {
    this.delegate = Objects.requireNonNull(delegate, "delegate == null");
  }

  @Override
  public InfluxDB enableGzip() {
    delegate.enableGzip();
    return this;
  }

  @Override
  public InfluxDB disableGzip() {
    delegate.disableGzip();
    return this;
  }

  @Override
  public boolean isGzipEnabled() {
    return delegate.isGzipEnabled();
  }

  @Override
  public InfluxDB enableBatch() {
    delegate.enableBatch();
    return this;
  }

  @Override
  public InfluxDB enableBatch(BatchOptions options) {
    Objects.requireNonNull(options, "options == null");
    delegate.enableBatch(options.exceptionHandler(AuthUnwrapping.handler(options.getExceptionHandler())));
    return this;
  }

  @Override
  public InfluxDB enableBatch(int actions, int flushDuration, TimeUnit flushDurationTimeUnit) {
    delegate.enableBatch(actions, flushDuration, flushDurationTimeUnit);
    return this;
  }

  @Override
  public InfluxDB enableBatch(int actions, int flushDuration, TimeUnit flushDurationTimeUnit,
      ThreadFactory threadFactory) {
    delegate.enableBatch(actions, flushDuration, flushDurationTimeUnit, threadFactory);
    return this;
  }

  @Override
  public InfluxDB enableBatch(int actions, int flushDuration, TimeUnit flushDurationTimeUnit,
      ThreadFactory threadFactory, BiConsumer<Iterable<Point>, Throwable> exceptionHandler,
      ConsistencyLevel consistency) {
    delegate.enableBatch(actions, flushDuration, flushDurationTimeUnit, threadFactory,
        AuthUnwrapping.handler(exceptionHandler), consistency);
    return this;
  }

  @Override
  public InfluxDB enableBatch(int actions, int flushDuration, TimeUnit flushDurationTimeUnit,
      ThreadFactory threadFactory, BiConsumer<Iterable<Point>, Throwable> exceptionHandler) {
    delegate.enableBatch(actions, flushDuration, flushDurationTimeUnit, threadFactory,
        AuthUnwrapping.handler(exceptionHandler));
    return this;
  }

  @Override
  public void disableBatch() {
    delegate.disableBatch();
  }

  @Override
  public boolean isBatchEnabled() {
    return delegate.isBatchEnabled();
  }

  @Override
  public Pong ping() {
    return delegate.ping();
  }

  @Override
  public String version() {
    return delegate.version();
  }

  @Override
  public void write(Point point) {
    delegate.write(point);
  }

  @Override
  public void write(String records) {
    delegate.write(records);
  }

  @Override
  public void write(List<String> records) {
    delegate.write(records);
  }

  @Override
  public void write(String database, String retentionPolicy, Point point) {
    delegate.write(database, retentionPolicy, point);
  }

  @Override
  public void write(BatchPoints batchPoints) {
    delegate.write(batchPoints);
  }

  @Override
  public void writeWithRetry(BatchPoints batchPoints) {
    delegate.writeWithRetry(batchPoints);
  }

  @Override
  public void write(String database, String retentionPolicy, ConsistencyLevel consistency, String records) {
    delegate.write(database, retentionPolicy, consistency, records);
  }

  @Override
  public void write(String database, String retentionPolicy, ConsistencyLevel consistency, TimeUnit precision,
      String records) {
    delegate.write(database, retentionPolicy, consistency, precision, records);
  }

  @Override
  public void write(String database, String retentionPolicy, ConsistencyLevel consistency,
      List<String> records) {
    delegate.write(database, retentionPolicy, consistency, records);
  }

  @Override
  public void write(String database, String retentionPolicy, ConsistencyLevel consistency, TimeUnit precision,
      List<String> records) {
    delegate.write(database, retentionPolicy, consistency, precision, records);
  }

  /** {@code CREATE DATABASE} with the name quoted ({@link LegacyStatements}); a server error is thrown. */
  @Override
  @SuppressWarnings("deprecation")
  public void createDatabase(String name) {
    LegacyStatements.check(query(LegacyStatements.createDatabase(name)), "createDatabase");
  }

  /** {@code DROP DATABASE} with the name quoted ({@link LegacyStatements}); a server error is thrown. */
  @Override
  @SuppressWarnings("deprecation")
  public void deleteDatabase(String name) {
    LegacyStatements.check(query(LegacyStatements.dropDatabase(name)), "deleteDatabase");
  }

  /** {@code SHOW DATABASES}' names (an empty list when there are none, where influxdb-java failed). */
  @Override
  @SuppressWarnings("deprecation")
  public List<String> describeDatabases() {
    return LegacyStatements.databases(query(LegacyStatements.showDatabases()), "describeDatabases");
  }

  /** Whether {@code SHOW DATABASES} lists exactly {@code name}. */
  @Override
  @SuppressWarnings("deprecation")
  public boolean databaseExists(String name) {
    return describeDatabases().contains(name);
  }

  @Override
  public void flush() {
    delegate.flush();
  }

  @Override
  public InfluxDB setConsistency(ConsistencyLevel consistency) {
    delegate.setConsistency(consistency);
    return this;
  }

  @Override
  public InfluxDB setDatabase(String database) {
    delegate.setDatabase(database);
    return this;
  }

  @Override
  public InfluxDB setRetentionPolicy(String retentionPolicy) {
    delegate.setRetentionPolicy(retentionPolicy);
    return this;
  }

  /** {@code CREATE RETENTION POLICY} with the names quoted ({@link LegacyStatements}); a server error is thrown. */
  @Override
  @SuppressWarnings("deprecation")
  public void createRetentionPolicy(String rpName, String database, String duration, String shardDuration,
      int replicationFactor, boolean isDefault) {
    LegacyStatements.check(query(LegacyStatements.createRetentionPolicy(rpName, database, duration, shardDuration,
        replicationFactor, isDefault)), "createRetentionPolicy");
  }

  @Override
  @SuppressWarnings("deprecation")
  public void createRetentionPolicy(String rpName, String database, String duration, int replicationFactor,
      boolean isDefault) {
    createRetentionPolicy(rpName, database, duration, null, replicationFactor, isDefault);
  }

  /** Unlike influxdb-java 2.25, which drops it, {@code shardDuration} is applied. */
  @Override
  @SuppressWarnings("deprecation")
  public void createRetentionPolicy(String rpName, String database, String duration, String shardDuration,
      int replicationFactor) {
    createRetentionPolicy(rpName, database, duration, shardDuration, replicationFactor, false);
  }

  /** {@code DROP RETENTION POLICY} with the names quoted ({@link LegacyStatements}); a server error is thrown. */
  @Override
  @SuppressWarnings("deprecation")
  public void dropRetentionPolicy(String rpName, String database) {
    LegacyStatements.check(query(LegacyStatements.dropRetentionPolicy(rpName, database)), "dropRetentionPolicy");
  }
}
