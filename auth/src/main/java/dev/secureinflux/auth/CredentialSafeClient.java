package dev.secureinflux.auth;

import java.util.Optional;

/**
 * Marker for InfluxDB clients whose transport sends credentials and passwords only over verified TLS or to a
 * loopback peer, and whose logging cannot reveal request bodies: no log level of the client, and no interceptor or
 * logger the user added to its transport, sees a request that carries a password. The core module's client
 * ({@code SecureInflux.builder()}) implements it; {@link InfluxUsers#create(org.influxdb.InfluxDB)} accepts only
 * clients implementing it, because user management sends new passwords in request bodies.
 *
 * <p>Implementing it is a promise about the client's whole configuration; a bare influxdb-java client must not
 * implement it.
 */
public interface CredentialSafeClient {
  /**
   * The InfluxDB user this client authenticates as, if known; {@link InfluxUsers#provision} refuses to provision
   * that user (it would revoke its own admin privilege mid-call). Default: empty.
   */
  default Optional<String> authenticatedUser() {
    return Optional.empty();
  }
}
