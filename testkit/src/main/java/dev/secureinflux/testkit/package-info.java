/**
 * Real InfluxDB ({@code influxd}) and nginx processes on loopback, and a throwaway PKI, for tests and demos.
 *
 * <p>{@link dev.secureinflux.testkit.InfluxServer} runs {@code influxd} with HTTPS, auth and a JWT shared secret;
 * {@link dev.secureinflux.testkit.MtlsProxy} puts an nginx in front of it that requires client certificates (or
 * asks for them, or not at all), can forward only some paths like influxdb-relay, and logs each client certificate;
 * {@link dev.secureinflux.testkit.TestCertificate} issues the certificates and
 * {@link dev.secureinflux.testkit.TestTls} turns them into JDK {@code SSLContext}s. Everything listens on
 * 127.0.0.1 only. Test use only.
 */
package dev.secureinflux.testkit;
