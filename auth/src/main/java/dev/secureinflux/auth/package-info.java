/**
 * Credentials for InfluxDB ({@link dev.secureinflux.auth.Credentials}), where they come from (values,
 * suppliers, files, the environment), how they travel ({@link dev.secureinflux.auth.AuthInterceptor}, the
 * {@code Authorization} header only, to one origin, over safe connections), and InfluxDB 1.x users and
 * privileges ({@link dev.secureinflux.auth.InfluxUsers}).
 */
package dev.secureinflux.auth;
