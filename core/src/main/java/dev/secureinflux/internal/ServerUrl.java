package dev.secureinflux.internal;

import dev.secureinflux.auth.internal.Loopback;
import dev.secureinflux.CredentialsInUrlException;
import dev.secureinflux.InvalidUrlException;
import dev.secureinflux.MissingUrlException;
import dev.secureinflux.PlaintextRefusedException;
import dev.secureinflux.UnsupportedSchemeException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import okhttp3.HttpUrl;

/**
 * A server URL that passed the connection rules, parsed without any name lookup.
 *
 * <p>The URL is read by both parsers that will later see it (OkHttp's {@link HttpUrl}, which connects, and
 * {@link URI}, which influxdb-java uses) and refused unless both agree on the host. Messages show only scheme,
 * host and port, never user info, path or query.
 */
public final class ServerUrl {
  private static final Pattern SCHEME = Pattern.compile("^([A-Za-z][A-Za-z0-9+.-]*):");

  private final boolean plainHttp;
  private final boolean loopback;
  private final String host;
  private final HttpUrl origin;
  private final String influxUrl;

  private ServerUrl(boolean plainHttp, boolean loopback, String host, HttpUrl origin, String influxUrl) {
    this.plainHttp = plainHttp;
    this.loopback = loopback;
    this.host = host;
    this.origin = origin;
    this.influxUrl = influxUrl;
  }

  /** Checks {@code url} against every URL rule; throws the matching {@code SecureInfluxException} leaf. */
  public static ServerUrl parse(String url) {
    if (url == null || url.isBlank()) {
      throw new MissingUrlException("no URL: call url(\"https://host:8086\") (or set INFLUX_URL)");
    }
    String trimmed = url.strip();
    Matcher m = SCHEME.matcher(trimmed);
    if (!m.find() || (trimmed.length() > m.end() && Character.isDigit(trimmed.charAt(m.end())))) {
      throw new InvalidUrlException("url must start with https:// (or http:// for a loopback host): "
          + describeUnparsed(trimmed));
    }
    String scheme = m.group(1).toLowerCase(Locale.ROOT);
    if (!scheme.equals("https") && !scheme.equals("http")) {
      throw new UnsupportedSchemeException("url scheme '" + scheme + "' is not supported: use https:// "
          + "(or http:// for a loopback host such as http://localhost:8086)");
    }
    HttpUrl parsed = HttpUrl.parse(trimmed);
    URI uri = parseUri(trimmed);
    if (parsed == null || uri == null) {
      if (hasUserInfo(trimmed)) {
        throw credentialsInUrl(scheme + "://<host>");
      }
      throw new InvalidUrlException("url is not a valid " + scheme + " URL: " + describeUnparsed(trimmed)
          + "; expected " + scheme + "://host:port");
    }
    String display = scheme + "://" + hostForDisplay(parsed.host()) + ":" + parsed.port();
    if (!parsed.username().isEmpty() || !parsed.password().isEmpty() || uri.getRawUserInfo() != null) {
      throw credentialsInUrl(display);
    }
    if (parsed.encodedQuery() != null || uri.getRawQuery() != null || uri.getRawFragment() != null) {
      throw new InvalidUrlException("url must not have a query or fragment (" + display
          + "): settings go through the builder, credentials through credentials(..)");
    }
    String rawHost = uri.getHost();
    boolean unambiguous = rawHost != null && sameHost(rawHost, parsed.host());
    boolean loopback = unambiguous && (Loopback.isLoopbackHost(rawHost)
        || (rawHost.startsWith("[") && parsed.host().equals("::1")));
    boolean plain = scheme.equals("http");
    if (plain && !loopback) {
      throw new PlaintextRefusedException("plain http:// is refused for " + display + ": that host is not "
          + "loopback, so the password and data would cross the network in clear. Use https://"
          + hostForDisplay(parsed.host()) + ":" + parsed.port() + " (with trust(..) for a private CA); "
          + "plain HTTP is only for 127.0.0.0/8 (dotted quad), [::1] and localhost");
    }
    if (!unambiguous) {
      throw new InvalidUrlException("url host cannot be read unambiguously (" + display + "): write the host "
          + "as a plain ASCII name (punycode for IDN), a dotted-quad IPv4 or a bracketed IPv6 literal");
    }
    String path = parsed.encodedPath().endsWith("/") ? parsed.encodedPath() : parsed.encodedPath() + "/";
    HttpUrl origin = parsed.newBuilder().encodedPath(path).build();
    // influxdb-java resolves the URL's host in its constructor (and cannot resolve "localhost." at all). It gets
    // a loopback literal instead, which needs no resolver; OriginInterceptor puts the real host back on every
    // request before anything else sees it. Loopback literals stay as written, so UDP writes reach them.
    boolean literal = loopback && !Loopback.isLocalhostName(rawHost);
    HttpUrl placeholder = literal ? origin : origin.newBuilder().host("127.0.0.1").build();
    return new ServerUrl(plain, loopback, parsed.host(), origin, placeholder.toString());
  }

  private static CredentialsInUrlException credentialsInUrl(String display) {
    return new CredentialsInUrlException("url must not contain user info (" + display + "): remove "
        + "'user:password@' from the URL and pass credentials(Credentials.basic(user, password)) instead");
  }

  private static URI parseUri(String url) {
    try {
      return new URI(url);
    } catch (URISyntaxException e) {
      return null;
    }
  }

  private static boolean hasUserInfo(String url) {
    int start = url.indexOf("//");
    if (start < 0) {
      return false;
    }
    int end = start + 2;
    while (end < url.length() && "/?#".indexOf(url.charAt(end)) < 0) {
      end++;
    }
    return url.substring(start + 2, end).indexOf('@') >= 0;
  }

  /** The URL as given, only when it cannot hold a secret (no user info, query or fragment). */
  private static String describeUnparsed(String url) {
    if (url.indexOf('@') >= 0 || url.indexOf('?') >= 0 || url.indexOf('#') >= 0 || url.length() > 200) {
      return "(not shown: it may hold a secret)";
    }
    return "'" + url + "'";
  }

  private static boolean sameHost(String uriHost, String okHost) {
    String h = uriHost.toLowerCase(Locale.ROOT);
    if (h.startsWith("[") && h.endsWith("]")) {
      return okHost.contains(":");
    }
    return h.equals(okHost);
  }

  static String hostForDisplay(String host) {
    return host.contains(":") ? "[" + host + "]" : host;
  }

  /** True for {@code http://} (then the host is loopback). */
  public boolean plainHttp() {
    return plainHttp;
  }

  /** True when the host is loopback by {@link Loopback#isLoopbackHost}. */
  public boolean loopback() {
    return loopback;
  }

  /** The host as OkHttp canonicalized it (IPv6 without brackets). */
  public String host() {
    return host;
  }

  /** The origin OkHttp talks to: scheme, host and port as given, path ending in {@code /}. */
  public HttpUrl origin() {
    return origin;
  }

  /**
   * The base URL handed to influxdb-java: {@link #origin()} with a loopback literal as host (the host itself when
   * it is one), so that influxdb-java's constructor looks nothing up.
   */
  public String influxUrl() {
    return influxUrl;
  }

  /** {@code scheme://host:port}, safe to print. */
  public String display() {
    return origin.scheme() + "://" + hostForDisplay(host) + ":" + origin.port();
  }

  @Override
  public String toString() {
    return display();
  }
}
