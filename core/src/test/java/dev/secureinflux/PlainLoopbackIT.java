package dev.secureinflux;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.secureinflux.auth.AuthenticationException;
import dev.secureinflux.auth.Credentials;
import dev.secureinflux.auth.InfluxUsers;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javax.net.SocketFactory;
import okhttp3.ConnectionPool;
import okhttp3.Dispatcher;
import okhttp3.OkHttpClient;
import okhttp3.logging.HttpLoggingInterceptor;
import org.influxdb.InfluxDB;
import org.influxdb.dto.Query;
import org.influxdb.dto.QueryResult;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The secured client over plain HTTP to loopback WireMock servers: headers, redirects, proxies, logs. */
class PlainLoopbackIT {
  private static final String PASSWORD = "hunter2-Pässword";
  private static final String JWT_SECRET = "0123456789abcdef0123456789abcdef-jwt-secret";
  private static final String EMPTY_RESULT = "{\"results\":[{\"statement_id\":0}]}";

  private final Tripwire tripwire = new Tripwire();
  private WireMockServer influx;
  private WireMockServer other;

  @BeforeEach
  void start() {
    influx = new WireMockServer(WireMockConfiguration.options().bindAddress("127.0.0.1").dynamicPort());
    other = new WireMockServer(WireMockConfiguration.options().bindAddress("127.0.0.1").dynamicPort());
    influx.start();
    other.start();
    influx.stubFor(any(urlPathEqualTo("/ping"))
        .willReturn(aResponse().withStatus(204).withHeader("X-Influxdb-Version", "1.8.10")));
    influx.stubFor(any(urlPathEqualTo("/query")).willReturn(aResponse().withStatus(200)
        .withHeader("Content-Type", "application/json").withBody(EMPTY_RESULT)));
    influx.stubFor(any(urlPathEqualTo("/write")).willReturn(aResponse().withStatus(204)));
    other.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200).withBody(EMPTY_RESULT)));
  }

  @AfterEach
  void stop() {
    influx.stop();
    other.stop();
    assertEquals(List.of(), tripwire.trips, "tripwire: non-loopback name or address used");
  }

  private InfluxDB client(String host, Credentials credentials) {
    return SecureInflux.builder().url("http://" + host + ":" + influx.port()).credentials(credentials)
        .okHttpClient(tripwire.okHttpPlain()).connectTimeout(Duration.ofSeconds(5)).build();
  }

  private InfluxDB basicClient(String host) {
    return client(host, Credentials.basic("app", PASSWORD.toCharArray()));
  }

  private static String basicValue() {
    return "Basic " + Base64.getEncoder().encodeToString(("app:" + PASSWORD).getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void ping_localhost_sendsUtf8BasicHeaderOnly() {
    try (InfluxDB db = basicClient("localhost")) {
      assertEquals("1.8.10", db.ping().getVersion());
    }
    LoggedRequest request = influx.findAll(anyRequestedFor(anyUrl())).get(0);
    assertEquals(basicValue(), request.getHeader("Authorization"));
    assertFalse(request.getUrl().contains("u="), request.getUrl());
    assertFalse(request.getUrl().contains("p="), request.getUrl());
    assertEquals(List.of(), tripwire.lookups, "localhost is answered without the user's Dns");
  }

  @Test
  void ping_localhostWithTrailingDot_works() {
    try (InfluxDB db = basicClient("LOCALHOST.")) {
      assertTrue(db.ping().isGood());
    }
    assertEquals(1, influx.findAll(anyRequestedFor(anyUrl())).size());
  }

  @Test
  void ping_ipv4Literal_works() {
    try (InfluxDB db = basicClient("127.0.0.1")) {
      assertTrue(db.ping().isGood());
    }
    assertEquals(1, influx.findAll(anyRequestedFor(anyUrl())).size());
  }

  @Test
  void query_passwordStatement_goesInPostBodyNotUrl() throws Exception {
    try (InfluxDB db = basicClient("localhost")) {
      db.query(new Query("CREATE USER \"bob\" WITH PASSWORD 'hunter2-bob'"));
      db.query(new Query("SET PASSWORD FOR \"bob\" = 'hunter2-bob2'", "db"), TimeUnit.SECONDS);
      db.query(new Query("SELECT * FROM m", "db"));
    }
    List<LoggedRequest> requests = influx.findAll(anyRequestedFor(urlPathEqualTo("/query")));
    assertEquals(2, requests.stream().filter(r -> r.getMethod().getName().equals("POST")).count());
    for (LoggedRequest r : requests) {
      assertFalse(r.getUrl().contains("hunter2"), r.getUrl());
      assertFalse(URI.create(r.getAbsoluteUrl()).getQuery() != null
          && URI.create(r.getAbsoluteUrl()).getQuery().contains("PASSWORD"), r.getUrl());
    }
    assertTrue(requests.get(0).getBodyAsString().contains("hunter2-bob"), "statement is in the body");
  }

  @Test
  void query_asyncAndChunkedPasswordStatement_refusedAndNothingSent() {
    // The server's answer would quote the password (as influxd's parse errors do).
    influx.stubFor(any(urlPathEqualTo("/query")).willReturn(aResponse().withStatus(400)
        .withHeader("Content-Type", "application/json")
        .withBody("{\"error\":\"error parsing query: found hunter2, expected string at line 1, char 31\"}")));
    List<Throwable> failures = new CopyOnWriteArrayList<>();
    List<QueryResult> results = new CopyOnWriteArrayList<>();
    Query q = new Query("CREATE USER bob WITH PASSWORD hunter2");
    try (InfluxDB db = basicClient("127.0.0.1")) {
      UnsafeQueryException async = assertThrows(UnsafeQueryException.class,
          () -> db.query(q, results::add, failures::add));
      assertTrue(async.getMessage().contains("synchronous query(Query)"), async.getMessage());
      UnsafeQueryException chunked = assertThrows(UnsafeQueryException.class,
          () -> db.query(q, 10, (c, r) -> results.add(r), () -> { }, failures::add));
      assertTrue(chunked.getMessage().contains("chunked query"), chunked.getMessage());
      UnsafeQueryException noOnFailure = assertThrows(UnsafeQueryException.class,
          () -> db.query(q, 10, (java.util.function.Consumer<QueryResult>) results::add));
      assertFalse(noOnFailure.getMessage().contains("hunter2"), noOnFailure.getMessage());
      SecureInfluxException sync = assertThrows(SecureInfluxException.class, () -> db.query(q));
      assertFalse(sync.getMessage().contains("hunter2"), sync.getMessage());
      assertTrue(sync.getMessage().contains("withheld"), sync.getMessage());
    }
    assertEquals(List.of(), failures);
    assertEquals(List.of(), results);
    assertEquals(1, influx.findAll(anyRequestedFor(urlPathEqualTo("/query"))).size(), "only the sync call sent");
  }

  @Test
  void query_nonReadAndSubscriptionStatements_sentByPostNeverInUrl() {
    List<String> statements = List.of("CREATE DATABASE \"db\"",
        "CREATE SUBSCRIPTION \"s\" ON \"db\".\"autogen\" DESTINATIONS ALL "
            + "'http://kapacitor:sub-Secret-7@kapacitor.example.invalid:9092'",
        "CREATE RETENTION POLICY \"rp\" ON \"db\" DURATION 1d REPLICATION 1",
        "DELETE FROM \"m\" WHERE time < 0", "DROP SUBSCRIPTION \"s\" ON \"db\".\"autogen\"",
        "DROP DATABASE \"db\"");
    try (InfluxDB db = basicClient("localhost")) {
      for (String statement : statements) {
        db.query(new Query(statement, "db"));
      }
      db.query(new Query("SHOW DATABASES"));
    }
    List<LoggedRequest> requests = influx.findAll(anyRequestedFor(urlPathEqualTo("/query")));
    assertEquals(statements.size() + 1, requests.size());
    for (int i = 0; i < statements.size(); i++) {
      LoggedRequest r = requests.get(i);
      assertEquals("POST", r.getMethod().getName(), statements.get(i));
      assertFalse(r.getUrl().contains("q="), r.getUrl());
      assertFalse(r.getUrl().contains("sub-Secret-7"), r.getUrl());
      assertFalse(r.getUrl().toUpperCase(java.util.Locale.ROOT).contains("SUBSCRIPTION"), r.getUrl());
      assertTrue(r.getBodyAsString().startsWith("q="), r.getBodyAsString());
    }
    assertTrue(requests.get(1).getBodyAsString().contains("sub-Secret-7"), "the destination is in the body");
    LoggedRequest show = requests.get(statements.size());
    assertEquals("GET", show.getMethod().getName());
    assertTrue(show.getUrl().contains("q=SHOW"), show.getUrl());
  }

  /** The decoded form fields of a logged POST body. */
  private static Map<String, String> form(LoggedRequest request) {
    Map<String, String> fields = new LinkedHashMap<>();
    for (String pair : request.getBodyAsString().split("&")) {
      int eq = pair.indexOf('=');
      fields.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
          URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
    }
    return fields;
  }

  @Test
  void query_boundParametersOnPost_everyOverloadSendsStatementAndParametersInBodyNotUrl() throws Exception {
    String delete = "DELETE FROM \"m\" WHERE \"host\" = $host";
    String select = "SELECT * FROM \"m\" WHERE \"host\" = $host";
    java.util.function.Supplier<Query> q = () -> new Query(delete, "db").bindParameter("host", "web-7");
    CompletableFuture<QueryResult> async = new CompletableFuture<>();
    CompletableFuture<Void> chunked = new CompletableFuture<>();
    CompletableFuture<Void> chunkedNoFailure = new CompletableFuture<>();
    try (InfluxDB db = basicClient("localhost")) {
      db.query(q.get());
      db.query(q.get(), TimeUnit.SECONDS);
      db.query(q.get(), async::complete, async::completeExceptionally);
      db.query(q.get(), 10, (c, r) -> { }, () -> chunked.complete(null), chunked::completeExceptionally);
      db.query(q.get(), 10, r -> { }, () -> chunkedNoFailure.complete(null));
      db.query(new Query(select, "db", true).bindParameter("host", "web-7")); // A read the caller sent by POST.
      async.get(30, TimeUnit.SECONDS);
      chunked.get(30, TimeUnit.SECONDS);
      chunkedNoFailure.get(30, TimeUnit.SECONDS);
    }
    List<LoggedRequest> requests = influx.findAll(anyRequestedFor(urlPathEqualTo("/query")));
    assertEquals(6, requests.size());
    int deletes = 0;
    for (LoggedRequest r : requests) {
      assertEquals("POST", r.getMethod().getName(), r.getUrl());
      for (String absent : List.of("q=", "params", "DELETE", "SELECT", "host", "web-7")) {
        assertFalse(r.getUrl().contains(absent), absent + " in " + r.getUrl());
      }
      assertEquals("db", r.queryParameter("db").firstValue(), r.getUrl());
      Map<String, String> fields = form(r);
      assertEquals(List.of("q", "params"), List.copyOf(fields.keySet()), r.getBodyAsString());
      assertEquals("{\"host\":\"web-7\"}", fields.get("params"));
      assertTrue(fields.get("q").equals(delete) || fields.get("q").equals(select), fields.get("q"));
      deletes += fields.get("q").equals(delete) ? 1 : 0;
    }
    assertEquals(5, deletes);
    assertTrue(requests.stream().anyMatch(r -> r.getUrl().contains("epoch=s")), "the TimeUnit overload");
    assertEquals(2, requests.stream().filter(r -> r.getUrl().contains("chunked=true")).count());
  }

  @Test
  void query_redirectToOtherOrigin_notFollowedAndNoCredentialsThere() {
    String target = "http://127.0.0.1:" + other.port() + "/query?q=SHOW+DATABASES";
    influx.stubFor(any(urlPathEqualTo("/query")).willReturn(aResponse().withStatus(302)
        .withHeader("Location", target)));
    try (InfluxDB db = basicClient("localhost")) {
      RuntimeException e = assertThrows(RuntimeException.class, () -> db.query(new Query("SHOW DATABASES")));
      assertFalse(String.valueOf(e.getMessage()).contains(PASSWORD));
    }
    assertEquals(0, other.findAll(anyRequestedFor(anyUrl())).size(), "redirect was followed");
    assertEquals(basicValue(), influx.findAll(anyRequestedFor(anyUrl())).get(0).getHeader("Authorization"));
  }

  @Test
  void query_redirectWithUserBuilderFollowingRedirects_stillNotFollowed() {
    influx.stubFor(any(urlPathEqualTo("/query")).willReturn(aResponse().withStatus(307)
        .withHeader("Location", "http://127.0.0.1:" + other.port() + "/query")));
    try (InfluxDB db = SecureInflux.builder().url("http://localhost:" + influx.port())
        .credentials(Credentials.basic("app", PASSWORD.toCharArray()))
        .okHttpClient(tripwire.okHttpPlain().followRedirects(true).followSslRedirects(true)).build()) {
      assertThrows(RuntimeException.class, () -> db.query(new Query("SHOW DATABASES")));
    }
    assertEquals(0, other.findAll(anyRequestedFor(anyUrl())).size(), "redirect was followed");
  }

  @Test
  void ping_wrongPassword_authenticationExceptionWithoutSecret() {
    influx.stubFor(any(urlPathEqualTo("/ping")).willReturn(aResponse().withStatus(401)
        .withHeader("Content-Type", "application/json").withBody("{\"error\":\"authorization failed\"}")));
    try (InfluxDB db = basicClient("localhost")) {
      AuthenticationException e = assertThrows(AuthenticationException.class, db::ping);
      assertTrue(e.getMessage().contains("app"), e.getMessage());
      assertFalse(e.getMessage().contains(PASSWORD), e.getMessage());
      assertFalse(e.getMessage().contains(basicValue().substring(6)), e.getMessage());
    }
  }

  @Test
  void wrongPassword_writeAndAsyncQuery_typedAuthenticationException() throws Exception {
    influx.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(401)
        .withHeader("Content-Type", "application/json").withBody("{\"error\":\"authorization failed\"}")));
    java.util.concurrent.CompletableFuture<Throwable> failed = new java.util.concurrent.CompletableFuture<>();
    try (InfluxDB db = basicClient("127.0.0.1")) {
      AuthenticationException write = assertThrows(AuthenticationException.class,
          () -> db.write("db", "autogen", InfluxDB.ConsistencyLevel.ONE, "m v=1"));
      assertTrue(write.getMessage().contains("app"), write.getMessage());
      assertFalse(write.getMessage().contains(PASSWORD), write.getMessage());
      db.query(new Query("SHOW DATABASES"), r -> failed.complete(null), failed::complete);
      Throwable async = failed.get(30, TimeUnit.SECONDS);
      assertTrue(async instanceof AuthenticationException, String.valueOf(async));
      assertFalse(async.getMessage().contains(PASSWORD), async.getMessage());
    }
  }

  @Test
  void influxUsers_securedClient_accepted() {
    try (InfluxDB db = basicClient("localhost")) {
      assertTrue(db instanceof dev.secureinflux.auth.CredentialSafeClient, db.getClass().getName());
      assertEquals(java.util.Optional.of("app"), ((dev.secureinflux.auth.CredentialSafeClient) db)
          .authenticatedUser());
      dev.secureinflux.auth.InfluxUsers.create(db); // Refuses clients without the marker.
    }
  }

  @Test
  void ping_proxiesInSystemPropertiesAndDefaultSelector_notUsed() throws Exception {
    String[] keys = {"http.proxyHost", "http.proxyPort", "https.proxyHost", "https.proxyPort", "socksProxyHost",
        "socksProxyPort", "http.nonProxyHosts"};
    String[] saved = new String[keys.length];
    ProxySelector savedSelector = ProxySelector.getDefault();
    List<URI> selectorAsked = new CopyOnWriteArrayList<>();
    try (ServerSocket proxyTrap = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
      String port = String.valueOf(proxyTrap.getLocalPort());
      String[] values = {"127.0.0.1", port, "127.0.0.1", port, "127.0.0.1", port, ""};
      for (int i = 0; i < keys.length; i++) {
        saved[i] = System.getProperty(keys[i]);
        System.setProperty(keys[i], values[i]);
      }
      ProxySelector.setDefault(new ProxySelector() {
        @Override
        public List<Proxy> select(URI uri) {
          selectorAsked.add(uri);
          return savedSelector.select(uri);
        }

        @Override
        public void connectFailed(URI uri, SocketAddress sa, IOException ioe) {}
      });
      // The JDK's own socket factory here (no tripwire sockets): its sockets would consult the selector.
      try (InfluxDB db = SecureInflux.builder().url("http://localhost:" + influx.port())
          .credentials(Credentials.basic("app", PASSWORD.toCharArray()))
          .okHttpClient(tripwire.okHttpPlain()).build()) {
        assertTrue(db.ping().isGood(), "answered by the server, not by the proxy trap (which never answers)");
      }
      assertEquals(1, influx.findAll(anyRequestedFor(anyUrl())).size());
      assertEquals(List.of(), selectorAsked);
      proxyTrap.setSoTimeout(1); // A queued connection would be returned at once.
      assertThrows(java.net.SocketTimeoutException.class, proxyTrap::accept, "the proxy trap was contacted");
    } finally {
      for (int i = 0; i < keys.length; i++) {
        if (saved[i] == null) {
          System.clearProperty(keys[i]);
        } else {
          System.setProperty(keys[i], saved[i]);
        }
      }
      ProxySelector.setDefault(savedSelector);
    }
  }

  @Test
  void ping_socksTripwireInPropertiesAndSelector_userSocketFactoryRefusedDefaultConnectsDirectly()
      throws Exception {
    String[] keys = {"socksProxyHost", "socksProxyPort"};
    String[] saved = {System.getProperty(keys[0]), System.getProperty(keys[1])};
    ProxySelector savedSelector = ProxySelector.getDefault();
    List<URI> selectorAsked = new CopyOnWriteArrayList<>();
    // The SOCKS "proxy" is a tripwire on another loopback address: any connection to it fails the test.
    try (ServerSocket socksTrap = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.2"))) {
      InetSocketAddress trap = new InetSocketAddress(InetAddress.getByName("127.0.0.2"), socksTrap.getLocalPort());
      System.setProperty(keys[0], "127.0.0.2");
      System.setProperty(keys[1], String.valueOf(socksTrap.getLocalPort()));
      ProxySelector.setDefault(new ProxySelector() {
        @Override
        public List<Proxy> select(URI uri) {
          selectorAsked.add(uri);
          return List.of(new Proxy(Proxy.Type.SOCKS, trap));
        }

        @Override
        public void connectFailed(URI uri, SocketAddress sa, IOException ioe) {}
      });
      // A factory that only tunes options: its new Socket() would consult the selector and go to the proxy.
      SocketFactory tuning = new SocketFactory() {
        @Override
        public Socket createSocket() throws IOException {
          Socket socket = new Socket();
          socket.setTcpNoDelay(true);
          return socket;
        }

        @Override
        public Socket createSocket(String host, int port) {
          throw new UnsupportedOperationException();
        }

        @Override
        public Socket createSocket(String host, int port, InetAddress localHost, int localPort) {
          throw new UnsupportedOperationException();
        }

        @Override
        public Socket createSocket(InetAddress host, int port) {
          throw new UnsupportedOperationException();
        }

        @Override
        public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort) {
          throw new UnsupportedOperationException();
        }
      };
      SecureInflux.Builder withFactory = SecureInflux.builder().url("http://127.0.0.1:" + influx.port())
          .credentials(Credentials.basic("app", PASSWORD.toCharArray()))
          .okHttpClient(new OkHttpClient.Builder().dns(tripwire.dns).socketFactory(tuning));
      UnsafeOkHttpSettingException e = assertThrows(UnsafeOkHttpSettingException.class, withFactory::build);
      assertTrue(e.getMessage().contains("socketFactory(..)"), e.getMessage());
      assertFalse(e.getMessage().contains(PASSWORD), e.getMessage());

      try (InfluxDB db = SecureInflux.builder().url("http://127.0.0.1:" + influx.port())
          .credentials(Credentials.basic("app", PASSWORD.toCharArray()))
          .okHttpClient(tripwire.okHttpPlain()).build()) {
        assertTrue(db.ping().isGood(), "answered by the server, not by the SOCKS trap (which never answers)");
      }
      assertEquals(1, influx.findAll(anyRequestedFor(anyUrl())).size());
      assertEquals(List.of(), selectorAsked);
      socksTrap.setSoTimeout(1); // A queued connection would be returned at once.
      assertThrows(java.net.SocketTimeoutException.class, socksTrap::accept, "the SOCKS trap was contacted");
    } finally {
      for (int i = 0; i < keys.length; i++) {
        if (saved[i] == null) {
          System.clearProperty(keys[i]);
        } else {
          System.setProperty(keys[i], saved[i]);
        }
      }
      ProxySelector.setDefault(savedSelector);
    }
  }

  @Test
  void logLevelFull_userInterceptorSecretHeaders_strippedBeforeLoggerAndWire() {
    OkHttpClient.Builder ok = tripwire.okHttpPlain().addInterceptor(chain -> chain.proceed(chain.request()
        .newBuilder().header("Authorization", "Bearer user-app-token-XYZ")
        .header("Proxy-Authorization", "Basic cHJveHk6cHJveHktcHc=").header("Cookie", "session=cookie-SECRET")
        .header("X-Trace", "kept-header").build()));
    try (LogCapture log = new LogCapture()) {
      try (InfluxDB db = SecureInflux.builder().url("http://localhost:" + influx.port())
          .credentials(Credentials.basic("app", PASSWORD.toCharArray())).okHttpClient(ok).build()) {
        db.setLogLevel(InfluxDB.LogLevel.FULL); // Lowered to HEADERS, which prints every request header.
        assertTrue(db.ping().isGood());
      }
      String text = log.text();
      assertTrue(text.contains("X-Trace: kept-header"), "the logger ran at HEADERS: " + text);
      for (String secret : List.of("user-app-token-XYZ", "cHJveHk6cHJveHktcHc=", "cookie-SECRET", "Authorization",
          "Cookie")) {
        assertFalse(text.contains(secret), "log holds " + secret + ":\n" + text);
      }
    }
    LoggedRequest sent = influx.findAll(anyRequestedFor(anyUrl())).get(0);
    assertEquals(basicValue(), sent.getHeader("Authorization"), "only our credentials reach the server");
    assertFalse(sent.containsHeader("Proxy-Authorization"));
    assertFalse(sent.containsHeader("Cookie"));
    assertEquals("kept-header", sent.getHeader("X-Trace"));
  }

  /** Whether {@code request} carries an Authorization header; never its value (a failure must not print it). */
  private static String shown(okhttp3.Request request) {
    return request.header("Authorization") == null ? "none" : "Authorization present";
  }

  @Test
  void ping_userInterceptors_neverSeeAuthorizationHeader() {
    List<String> seen = new CopyOnWriteArrayList<>();
    OkHttpClient.Builder ok = tripwire.okHttpPlain()
        .addInterceptor(chain -> {
          okhttp3.Response response = chain.proceed(chain.request());
          seen.add("app request=" + shown(chain.request()));
          seen.add("app response.request=" + shown(response.request()));
          seen.add("app networkResponse.request=" + shown(response.networkResponse().request()));
          return response;
        })
        .addNetworkInterceptor(chain -> {
          okhttp3.Response response = chain.proceed(chain.request());
          seen.add("network request=" + shown(chain.request()));
          seen.add("network response.request=" + shown(response.request()));
          return response;
        });
    try (InfluxDB db = SecureInflux.builder().url("http://localhost:" + influx.port())
        .credentials(Credentials.basic("app", PASSWORD.toCharArray())).okHttpClient(ok).build()) {
      assertTrue(db.ping().isGood());
    }
    assertEquals(List.of("network request=none", "network response.request=none", "app request=none",
        "app response.request=none", "app networkResponse.request=none"), seen);
    assertEquals(basicValue(), influx.findAll(anyRequestedFor(anyUrl())).get(0).getHeader("Authorization"),
        "the header was sent, below the user's interceptors");
  }

  @Test
  void logLevelFull_basicAndJwtAndPasswordStatement_logHoldsNoSecret() {
    String jwtHeader;
    try (LogCapture log = new LogCapture()) {
      try (InfluxDB db = basicClient("localhost")) {
        db.setLogLevel(InfluxDB.LogLevel.FULL);
        db.ping();
        db.query(new Query("CREATE USER \"bob\" WITH PASSWORD 'hunter2-bob'"));
        db.write("db", "autogen", InfluxDB.ConsistencyLevel.ONE, "m v=1");
      }
      Credentials jwt = Credentials.jwt("app", JWT_SECRET.toCharArray(), Duration.ofMinutes(5));
      try (InfluxDB db = client("localhost", jwt)) {
        db.setLogLevel(InfluxDB.LogLevel.FULL);
        db.ping();
      }
      jwtHeader = influx.findAll(anyRequestedFor(anyUrl())).stream().map(r -> r.getHeader("Authorization"))
          .filter(h -> h != null && !h.startsWith("Basic ")).findFirst().orElseThrow();
      String text = log.text();
      assertTrue(text.contains("/ping"), "the logger ran: " + text);
      for (String secret : List.of(PASSWORD, "hunter2", basicValue().substring(6), JWT_SECRET,
          jwtHeader.substring("Bearer ".length()), "Authorization")) {
        assertFalse(text.contains(secret), "log holds " + secret + ":\n" + text);
      }
    }
    assertTrue(jwtHeader.startsWith("Bearer "), jwtHeader);
  }

  @Test
  void query_userBodyLoggers_neverSeePasswordStatementsButSeeOthers() {
    List<String> logged = new CopyOnWriteArrayList<>();
    HttpLoggingInterceptor application = new HttpLoggingInterceptor(line -> logged.add("app: " + line));
    HttpLoggingInterceptor network = new HttpLoggingInterceptor(line -> logged.add("network: " + line));
    application.setLevel(HttpLoggingInterceptor.Level.BODY);
    network.setLevel(HttpLoggingInterceptor.Level.BODY);
    OkHttpClient.Builder ok = tripwire.okHttpPlain()
        .addInterceptor(chain -> chain.proceed(chain.request().newBuilder().header("X-Trace", "t-1").build()))
        .addInterceptor(application).addNetworkInterceptor(network);
    try (InfluxDB db = SecureInflux.builder().url("http://localhost:" + influx.port())
        .credentials(Credentials.basic("app", PASSWORD.toCharArray())).okHttpClient(ok).build()) {
      db.query(new Query("CREATE DATABASE \"logged_db\""));
      db.query(new Query("CREATE USER \"bob\" WITH PASSWORD 'hunter2-bob'"));
      db.query(new Query("SET PASSWORD FOR \"bob\" = 'hunter2-bob2'", "db"), TimeUnit.SECONDS);
      InfluxUsers users = InfluxUsers.create(db);
      users.createUser("carol", "hunter2-carol".toCharArray());
      users.setPassword("carol", "hunter2-carol2".toCharArray());
      // The keyword behind a comment and a quote escaped in the password hid these from the classifier.
      db.query(new Query("CREATE /* alerts */ SUBSCRIPTION \"s1\" ON \"db\".\"autogen\" DESTINATIONS ALL "
          + "'http://sub:hunter2\\'sub@127.0.0.1:9'"));
      db.query(new Query("CREATE -- alerts\nSUBSCRIPTION \"s2\" ON \"db\".\"autogen\" DESTINATIONS ANY "
          + "'http://sub:hunter2\\\"sub2@127.0.0.1:9'", "db"), TimeUnit.SECONDS);
    }
    String text = String.join("\n", logged);
    assertTrue(text.contains("app: q=CREATE+DATABASE+%22logged_db%22"), "the loggers ran at BODY:\n" + text);
    assertTrue(text.contains("network: q=CREATE+DATABASE+%22logged_db%22"), "the loggers ran at BODY:\n" + text);
    for (String secret : List.of("hunter2", "PASSWORD", PASSWORD, basicValue().substring(6), "Authorization")) {
      assertFalse(text.contains(secret), "a user logger saw " + secret + ":\n" + text);
    }
    List<LoggedRequest> sent = influx.findAll(anyRequestedFor(urlPathEqualTo("/query")));
    assertEquals(7, sent.size());
    for (LoggedRequest r : sent) {
      assertEquals(basicValue(), r.getHeader("Authorization"), "the secret path authenticates too");
      boolean secret = r.getBodyAsString().contains("hunter2");
      // The price of the rule: the user's interceptors (here a header) do not apply to secret statements.
      assertEquals(secret ? null : "t-1", r.getHeader("X-Trace"), r.getBodyAsString());
    }
    assertEquals(6, sent.stream().filter(r -> r.getBodyAsString().contains("hunter2")).count());
  }

  @Test
  void logLevelHeaders_userHeaderLoggers_neverSeeAuthorization() {
    List<String> logged = new CopyOnWriteArrayList<>();
    HttpLoggingInterceptor application = new HttpLoggingInterceptor(line -> logged.add("app: " + line));
    HttpLoggingInterceptor network = new HttpLoggingInterceptor(line -> logged.add("network: " + line));
    application.setLevel(HttpLoggingInterceptor.Level.HEADERS);
    network.setLevel(HttpLoggingInterceptor.Level.HEADERS);
    try (InfluxDB db = SecureInflux.builder().url("http://localhost:" + influx.port())
        .credentials(Credentials.basic("app", PASSWORD.toCharArray()))
        .okHttpClient(tripwire.okHttpPlain().addInterceptor(application).addNetworkInterceptor(network)).build()) {
      db.setLogLevel(InfluxDB.LogLevel.HEADERS);
      assertTrue(db.ping().isGood());
      db.query(new Query("SHOW DATABASES"));
    }
    String text = String.join("\n", logged);
    assertTrue(text.contains("network: Host: localhost:" + influx.port()), "the loggers ran:\n" + text);
    assertTrue(text.contains("app: --> GET"), "the loggers ran:\n" + text);
    assertFalse(text.contains("Authorization"), text);
    assertFalse(text.contains(basicValue().substring(6)), text);
    assertEquals(basicValue(), influx.findAll(anyRequestedFor(anyUrl())).get(0).getHeader("Authorization"));
  }

  @Test
  void close_clientSharingUserDispatcher_otherClientKeepsWorking() throws Exception {
    Dispatcher shared = new Dispatcher();
    OkHttpClient.Builder ok = tripwire.okHttpPlain().dispatcher(shared);
    SecureInflux.Builder builder = SecureInflux.builder().url("http://127.0.0.1:" + influx.port())
        .credentials(Credentials.basic("app", PASSWORD.toCharArray())).okHttpClient(ok);
    try (InfluxDB second = builder.build()) {
      InfluxDB first = builder.build();
      CompletableFuture<QueryResult> before = new CompletableFuture<>();
      first.query(new Query("SHOW DATABASES"), before::complete, before::completeExceptionally);
      before.get(30, TimeUnit.SECONDS);
      first.close();
      assertFalse(shared.executorService().isShutdown(), "close() shut the user's dispatcher down");
      // Asynchronous calls run on the dispatcher's executor; a shut-down one rejects them.
      CompletableFuture<QueryResult> after = new CompletableFuture<>();
      second.query(new Query("SHOW DATABASES"), after::complete, after::completeExceptionally);
      assertFalse(after.get(30, TimeUnit.SECONDS).hasError());
    } finally {
      shared.executorService().shutdown();
    }
  }

  @Test
  void close_clientWithUserConnectionPool_evictsIdleConnectionsAndSharerReconnects() {
    ConnectionPool shared = new ConnectionPool();
    SecureInflux.Builder builder = SecureInflux.builder().url("http://127.0.0.1:" + influx.port())
        .credentials(Credentials.basic("app", PASSWORD.toCharArray()))
        .okHttpClient(tripwire.okHttpPlain().connectionPool(shared));
    try (InfluxDB second = builder.build()) {
      InfluxDB first = builder.build();
      first.query(new Query("SHOW DATABASES"));
      first.query(new Query("CREATE USER \"dan\" WITH PASSWORD 'hunter2-dan'")); // The secret client's pool too.
      // One each for the client and its secret-statement client (their addresses differ: own Dns, socket factory).
      assertEquals(2, shared.idleConnectionCount(), "the queries' connections went back to the pool");
      first.close();
      assertEquals(0, shared.connectionCount(), "close() left the client's connections open in the pool");
      assertFalse(second.query(new Query("SHOW DATABASES")).hasError());
      assertEquals(1, shared.idleConnectionCount(), "the sharing client opened a new connection");
    }
  }

  @Test
  void toString_client_showsHostAndUserNotPassword() {
    try (InfluxDB db = basicClient("localhost")) {
      assertEquals("SecureInflux{http://localhost:" + influx.port() + ", user=app}", db.toString());
    }
  }

  @Test
  void write_udpToLoopback_allowed() throws Exception {
    try (java.net.DatagramSocket udp = new java.net.DatagramSocket(0, InetAddress.getByName("127.0.0.1"));
        InfluxDB db = basicClient("127.0.0.1")) {
      udp.setSoTimeout(10_000);
      db.write(udp.getLocalPort(), "m v=1");
      java.net.DatagramPacket packet = new java.net.DatagramPacket(new byte[64], 64);
      udp.receive(packet);
      assertEquals("m v=1", new String(packet.getData(), 0, packet.getLength(), StandardCharsets.UTF_8));
    }
  }
}
