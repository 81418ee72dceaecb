package dev.secureinflux.testkit;

import java.math.BigInteger;
import java.util.Objects;

/**
 * One request as {@link MtlsProxy#accessLog()} recorded it: nginx's {@code $request_method}, {@code $uri} (the
 * path without query string, so no {@code u}/{@code p} parameter is ever logged), {@code $status},
 * {@code $ssl_client_verify}, {@code $ssl_client_s_dn}, {@code $ssl_client_serial}, {@code $connection} and
 * {@code $ssl_session_reused}: requests with the same {@code connection} came over one TCP connection, and each
 * connection made one TLS handshake, abbreviated when {@code sessionReused}. A value nginx logs as
 * {@code -} (no client certificate, no method) is the empty string here; nginx writes other bytes outside printable
 * ASCII, quotes and backslashes as {@code \xHH}.
 *
 * @param method the request method, such as {@code POST}
 * @param path the request path without query string, such as {@code /write}
 * @param status the status nginx answered
 * @param clientVerify {@code SUCCESS}, {@code NONE} (no certificate) or {@code FAILED:reason}
 * @param clientSubject the client certificate's subject in RFC 2253 form, such as {@code CN=app,O=secureinflux
 *     tests}; empty without one
 * @param clientSerial the client certificate's serial in upper-case hexadecimal as nginx prints it; empty without
 *     one
 * @param connection nginx's serial number of the client connection, unique for the life of the nginx process
 * @param sessionReused whether that connection's TLS handshake resumed an earlier session (nginx logs {@code r})
 */
public record AccessLogEntry(String method, String path, int status, String clientVerify, String clientSubject,
    String clientSerial, long connection, boolean sessionReused) {
  /** Checks the components are not null. */
  public AccessLogEntry {
    Objects.requireNonNull(method, "method == null");
    Objects.requireNonNull(path, "path == null");
    Objects.requireNonNull(clientVerify, "clientVerify == null");
    Objects.requireNonNull(clientSubject, "clientSubject == null");
    Objects.requireNonNull(clientSerial, "clientSerial == null");
  }

  /** Whether the request came with {@code certificate} (same serial number and subject), verified. */
  public boolean presented(TestCertificate certificate) {
    Objects.requireNonNull(certificate, "certificate == null");
    return clientVerify.equals("SUCCESS") && !clientSerial.isEmpty()
        && new BigInteger(clientSerial, 16).equals(certificate.certificate().getSerialNumber())
        && clientSubject.equals(certificate.certificate().getSubjectX500Principal().getName());
  }

  /** Parses one line of the proxy's access log (the format {@code NginxConfig} writes). */
  static AccessLogEntry parse(String line) {
    String[] f = line.split("\t", -1);
    if (f.length != 9) {
      throw new TestkitException("unexpected nginx access log line (" + f.length + " fields, want 9): " + line);
    }
    return new AccessLogEntry(value(f[1]), value(f[2]), Integer.parseInt(f[3]), value(f[4]), value(f[5]),
        value(f[6]), Long.parseLong(f[7]), f[8].equals("r"));
  }

  private static String value(String field) {
    return field.equals("-") ? "" : field;
  }
}
