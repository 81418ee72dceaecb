/** The secure InfluxDB client builder: {@link dev.secureinflux.SecureInflux}. */
package dev.secureinflux;
