package dev.secureinflux.internal;

import dev.secureinflux.ClientCertificateException;
import java.io.IOException;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.List;
import okhttp3.Handshake;
import okhttp3.Interceptor;
import okhttp3.Response;

/**
 * Network interceptor turning a mutual-TLS terminator's "400 No required SSL certificate was sent" and
 * "400 The SSL certificate error" pages (nginx's wording) into a {@link ClientCertificateException} that says
 * which certificate was presented and what to do, instead of an HTML page inside an influxdb-java error.
 */
public final class ClientCertificateErrors implements Interceptor {
  private static final String NONE_SENT = "No required SSL certificate was sent";
  private static final String REJECTED = "The SSL certificate error";

  private final String server;

  /** For the server shown as {@code server} in messages. */
  public ClientCertificateErrors(String server) {
    this.server = server;
  }

  @Override
  public Response intercept(Chain chain) throws IOException {
    Response response = chain.proceed(chain.request());
    if (response.code() != 400 || chain.connection() == null || chain.connection().handshake() == null) {
      return response;
    }
    String body = response.peekBody(4096).string();
    Handshake handshake = chain.connection().handshake();
    List<Certificate> sent = handshake.localCertificates();
    if (body.contains(NONE_SENT)) {
      response.close();
      throw new ClientCertificateException(server + " requires a client certificate (mutual TLS) and "
          + (sent.isEmpty() ? "none was sent: configure identity(KeyMaterial.pem(chain, key, passphrase)) or "
              + "identity(KeyMaterial.keyStore(..)), or set INFLUX_CLIENT_CERT_FILE and INFLUX_CLIENT_KEY_FILE"
              : "did not receive the configured one: check that it is issued by a CA the server accepts"));
    }
    if (body.contains(REJECTED)) {
      response.close();
      String which = sent.isEmpty() || !(sent.get(0) instanceof X509Certificate) ? "the client certificate"
          : describe((X509Certificate) sent.get(0));
      throw new ClientCertificateException(server + " did not accept " + which + ": use a certificate issued "
          + "by the CA the server trusts for clients, still valid, with extended key usage clientAuth");
    }
    return response;
  }

  private static String describe(X509Certificate certificate) {
    return "the client certificate '" + certificate.getSubjectX500Principal().getName() + "' issued by '"
        + certificate.getIssuerX500Principal().getName() + "'";
  }
}
