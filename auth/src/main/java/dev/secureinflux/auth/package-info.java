/** Credentials for InfluxDB, where they come from, how they travel, and InfluxDB users and privileges. */
package dev.secureinflux.auth;
