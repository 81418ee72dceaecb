/**
 * Connection policy and influxdb-java adapters behind {@link dev.secureinflux.SecureInflux}: not API, may change at
 * any time.
 */
package dev.secureinflux.internal;
