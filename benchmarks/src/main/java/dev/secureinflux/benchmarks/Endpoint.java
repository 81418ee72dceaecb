package dev.secureinflux.benchmarks;

import java.nio.file.Path;

/**
 * Where a client connects and with what: one server, its CA, credentials and (for mutual TLS) a PEM client chain
 * and unencrypted PKCS#8 key, the same for the secured and the bare client.
 *
 * @param name the server as the report shows it
 * @param url {@code https://localhost:PORT}
 * @param user the user (the stubs do not check credentials)
 * @param password the password; copied by each client
 * @param caPem the PEM file of the CA that issued the server certificate
 * @param chainPem the client certificate chain (PEM), or {@code null} without mutual TLS
 * @param keyPem the client key (PEM, unencrypted PKCS#8), or {@code null} without mutual TLS
 */
record Endpoint(String name, String url, String user, char[] password, Path caPem, Path chainPem, Path keyPem) {
  boolean mutualTls() {
    return chainPem != null;
  }

  /** Format unspecified; never the password. */
  @Override
  public String toString() {
    return "Endpoint[" + name + " " + url + (mutualTls() ? ", client certificate" : "") + "]";
  }
}
