/** Real InfluxDB (influxd) and nginx processes on loopback, and a throwaway PKI, for tests and demos. */
package dev.secureinflux.testkit;
