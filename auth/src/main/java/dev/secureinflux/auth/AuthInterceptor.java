package dev.secureinflux.auth;

import dev.secureinflux.auth.internal.ConnectionSafety;
import dev.secureinflux.auth.internal.Loopback;
import dev.secureinflux.auth.internal.Json;
import java.io.IOException;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import okhttp3.HttpUrl;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;

/**
 * An OkHttp <em>network</em> interceptor that puts {@link Credentials} in the {@code Authorization} header, and
 * nowhere else, for requests to one origin over connections safe for them.
 *
 * <h2>Secure defaults</h2>
 * <ul>
 *   <li>Credentials go only to the configured origin (scheme, host, port): a request to another origin, for
 *       example after a redirect, goes without them.
 *   <li>Credentials ride only on a TLS connection (OkHttp has a handshake only once its trust manager and
 *       hostname verifier accepted the server) or a direct plaintext connection whose peer address is loopback.
 *   <li>Any {@code Authorization} header and {@code u}/{@code p} query parameters another layer added (such as
 *       influxdb-java's) are removed from every request.
 *   <li>As a network interceptor it runs after influxdb-java's logging interceptor, so the header is never logged.
 *   <li>Every response it returns carries a {@code request()} without the {@code Authorization} header (also in
 *       linked network, cache and prior responses), so interceptors outside it (application interceptors, via
 *       {@code networkResponse().request()}, and network interceptors added before it) cannot read the header.
 *       Network interceptors added <em>after</em> it see the request it sends, header included.
 * </ul>
 *
 * <h2>What "safe" relies on</h2>
 * The TLS rule trusts the client: a connection with a handshake counts as safe because OkHttp completes a
 * handshake only after <em>the client's</em> trust manager and hostname verifier accepted the server. On a
 * client configured to trust every certificate or to skip hostname verification, this interceptor still sends
 * the credentials. Use the client the core module builds ({@code SecureInflux.builder()}), whose TLS
 * configuration is the only one this library vouches for. The loopback rule needs a direct, unproxied socket
 * whose local and peer addresses are both loopback, and refuses plain JDK sockets the JVM would route through a
 * SOCKS proxy ({@code socksProxyHost} or the default {@code ProxySelector}).
 *
 * <h2>Refusals</h2>
 * Every failure is thrown as an {@link AuthFailureIOException} (an {@code IOException}, so OkHttp reports it
 * from {@code Call.execute()} and to {@code Callback.onFailure} of asynchronous calls) whose cause is the typed
 * {@link AuthException}: {@link InsecureConnectionException} if the connection is not safe (nothing is sent) or
 * the interceptor was installed as an application interceptor; {@link AuthenticationException} for a 401 and
 * {@link AuthorizationException} for a 403 from the origin. Get it back with
 * {@link AuthException#unwrap(Throwable)}, also from influxdb-java's {@code InfluxDBIOException}.
 *
 * <pre>{@code
 * OkHttpClient.Builder http = new OkHttpClient.Builder()
 *     .addNetworkInterceptor(AuthInterceptor.create(credentials, HttpUrl.get("https://influx.example.com:8086")));
 * InfluxDB influx = InfluxDBFactory.connect("https://influx.example.com:8086", http);
 * }</pre>
 */
public final class AuthInterceptor implements Interceptor {
  private static final Pattern QUERY_REFUSED = Pattern.compile("(?s).*requires (\\S+(?: privilege)?)(?: on (.*))?$");
  private static final Pattern WRITE_REFUSED = Pattern.compile("(?s).*not authorized to write to database \"(.*)\"$");
  private static final Pattern STATEMENT = Pattern.compile("(?s)statement '.*', requires");

  private final Credentials credentials;
  private final HttpUrl origin;

  private AuthInterceptor(Credentials credentials, HttpUrl origin) {
    this.credentials = credentials;
    this.origin = origin;
  }

  /**
   * An interceptor sending {@code credentials} to {@code origin}'s scheme, host and port only.
   *
   * @throws IllegalArgumentException if {@code origin} is plain {@code http} to a host that is not a canonical
   *     loopback literal: {@code localhost} (any case, optional trailing dot), an IPv4 dotted quad in 127.0.0.0/8
   *     without leading zeros, or {@code [::1]} (in any equivalent IPv6 form)
   */
  public static AuthInterceptor create(Credentials credentials, HttpUrl origin) {
    Objects.requireNonNull(credentials, "credentials == null");
    Objects.requireNonNull(origin, "origin == null");
    if (origin.scheme().equals("http") && !Loopback.isLoopbackHost(origin.host())) {
      throw new IllegalArgumentException("origin must use https unless its host is loopback (localhost, 127.0.0.0/8,"
          + " [::1]): " + origin(origin));
    }
    return new AuthInterceptor(credentials, origin);
  }

  @Override
  public Response intercept(Chain chain) throws IOException {
    Request request = chain.request();
    HttpUrl url = request.url().newBuilder().removeAllQueryParameters("u").removeAllQueryParameters("p").build();
    Request.Builder outgoing = request.newBuilder().url(url).removeHeader("Authorization");
    boolean ours = sameOrigin(url);
    if (ours) {
      String unsafe = ConnectionSafety.unsafeReason(chain.connection());
      if (unsafe != null) {
        throw new AuthFailureIOException(new InsecureConnectionException("refusing to send credentials" + forUser()
            + " to " + origin(url) + ": " + unsafe + "; use https:// (plain http is only for loopback addresses)"));
      }
      try {
        outgoing.header("Authorization", credentials.authorizationHeader(InsecureSecretAccess.get()));
      } catch (AuthException e) { // e.g. a secret file that became unreadable: report it as the call's failure.
        throw new AuthFailureIOException(e);
      }
    }
    Response response = withoutAuthorization(chain.proceed(outgoing.build()));
    if (!ours || (response.code() != 401 && response.code() != 403)) {
      return response;
    }
    String error;
    try (Response closing = response) {
      error = Json.errorField(closing.peekBody(8192).string());
    }
    if (response.code() == 401) {
      throw new AuthFailureIOException(new AuthenticationException("authentication failed" + forUser() + " at "
          + origin(url) + ": check the " + hint() + serverSaid(error)));
    }
    throw new AuthFailureIOException(new AuthorizationException(refusal(error, url)));
  }

  /**
   * {@code response} whose {@code request()} (and that of any network, cache or prior response it links to) has no
   * {@code Authorization} header, so interceptors outside this one cannot read the credentials from it.
   */
  static Response withoutAuthorization(Response response) {
    if (response == null) {
      return null;
    }
    return response.newBuilder()
        .request(response.request().newBuilder().removeHeader("Authorization").build())
        .networkResponse(withoutAuthorization(response.networkResponse()))
        .cacheResponse(withoutAuthorization(response.cacheResponse()))
        .priorResponse(withoutAuthorization(response.priorResponse()))
        .build();
  }

  private boolean sameOrigin(HttpUrl url) {
    return url.scheme().equals(origin.scheme()) && url.host().equals(origin.host()) && url.port() == origin.port();
  }

  private String forUser() {
    return credentials.user().map(u -> " for user " + u).orElse(" (" + credentials.kind() + ")");
  }

  private String hint() {
    switch (credentials.kind()) {
      case "JWT":
        return "shared secret, that the user exists, and the clocks";
      case "token":
        return "token";
      default:
        return "user name and password";
    }
  }

  private String refusal(String error, HttpUrl url) {
    String who = credentials.user().map(u -> "user " + u).orElse("the token's user");
    String where = " at " + origin(url) + serverSaid(error);
    if (error != null) {
      Matcher write = WRITE_REFUSED.matcher(error);
      if (write.matches()) {
        return who + " lacks privilege WRITE on database \"" + write.group(1) + "\"" + where;
      }
      Matcher query = QUERY_REFUSED.matcher(error);
      if (query.matches()) {
        String on = query.group(2) == null ? "" : " on database \"" + query.group(2) + "\"";
        return who + " lacks privilege " + query.group(1).replace(" privilege", "") + on + where;
      }
    }
    return who + " lacks a privilege for " + url.encodedPath() + where;
  }

  /** The server's error text, without the statement it may quote, shortened and on one line. */
  static String serverSaid(String error) {
    if (error == null || error.isBlank()) {
      return "";
    }
    String text = STATEMENT.matcher(error).replaceAll("statement <redacted>, requires");
    text = text.replaceAll("\\p{Cntrl}", " ");
    if (text.length() > 200) {
      text = text.substring(0, 200) + "...";
    }
    return " (server: " + text + ")";
  }

  private static String origin(HttpUrl url) {
    return url.scheme() + "://" + (url.host().indexOf(':') >= 0 ? "[" + url.host() + "]" : url.host()) + ":"
        + url.port();
  }

  /** Format unspecified; never contains secrets. */
  @Override
  public String toString() {
    return "AuthInterceptor(" + credentials + " -> " + origin(origin) + ")";
  }
}
