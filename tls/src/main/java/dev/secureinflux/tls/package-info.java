/**
 * Trust, identity and policy for TLS clients: {@link dev.secureinflux.tls.TlsConfig} builds an
 * {@link javax.net.ssl.SSLContext} that only speaks TLS 1.3/1.2 with AEAD suites, validates every chain and
 * host name, and has no switch to turn either off.
 */
package dev.secureinflux.tls;
