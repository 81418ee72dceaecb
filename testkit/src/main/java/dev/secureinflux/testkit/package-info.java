/**
 * Real InfluxDB ({@code influxd}) and nginx processes on loopback, and a throwaway PKI, for tests and demos.
 *
 * <p>{@link dev.secureinflux.testkit.InfluxServer} runs {@code influxd} with HTTPS, auth and a JWT shared secret;
 * {@link dev.secureinflux.testkit.MtlsProxy} puts an nginx that requires client certificates in front of it;
 * {@link dev.secureinflux.testkit.TestCertificate} issues the certificates and
 * {@link dev.secureinflux.testkit.TestTls} turns them into JDK {@code SSLContext}s. Everything listens on
 * 127.0.0.1 only. Test use only.
 */
package dev.secureinflux.testkit;
