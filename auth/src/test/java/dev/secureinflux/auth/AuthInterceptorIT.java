package dev.secureinflux.auth;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import okhttp3.Dispatcher;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.influxdb.InfluxDB;
import org.influxdb.InfluxDBFactory;
import org.influxdb.dto.Point;
import org.influxdb.dto.Query;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The interceptor against two WireMock servers on 127.0.0.1. */
class AuthInterceptorIT {
  private static final String OK = "{\"results\":[{\"statement_id\":0}]}";

  private WireMockServer a;
  private WireMockServer b;
  private HttpUrl originA;

  @BeforeEach
  void start() {
    a = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
    b = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
    a.start();
    b.start();
    originA = HttpUrl.get("http://127.0.0.1:" + a.port());
  }

  @AfterEach
  void stop() {
    a.stop();
    b.stop();
  }

  private OkHttpClient.Builder client(Credentials credentials) {
    return new OkHttpClient.Builder().dns(TestClients.LOOPBACK_ONLY_DNS).proxy(java.net.Proxy.NO_PROXY)
        .addNetworkInterceptor(AuthInterceptor.create(credentials, originA));
  }

  private static Credentials alice() {
    return Credentials.basic("alice", "s3cret-pw".toCharArray());
  }

  @Test
  void query_loopbackHttp_sendsBasicHeaderOnly() {
    a.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
        .withBody(OK)));
    InfluxDB influx = InfluxDBFactory.connect(originA.toString(), client(alice()));
    influx.query(new Query("SHOW DATABASES"));
    List<LoggedRequest> requests = a.findAll(anyRequestedFor(urlPathEqualTo("/query")));
    assertEquals(1, requests.size());
    assertEquals(CredentialsTest.basicOf("alice:s3cret-pw"), requests.get(0).getHeader("Authorization"));
    assertFalse(requests.get(0).getUrl().contains("s3cret"), requests.get(0).getUrl());
  }

  @Test
  void query_influxdbJavaWithUserAndPassword_noUorPParamsAndOurHeader() {
    a.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
        .withBody(OK)));
    // influxdb-java's own user/password path adds its ISO-8859-1 Basic header (and older versions u/p params).
    InfluxDB influx = InfluxDBFactory.connect(originA.toString(), "mallory", "leaked", client(alice()));
    influx.query(new Query("SHOW DATABASES"));
    influx.write("db", "autogen", Point.measurement("m").addField("v", 1).build());
    List<LoggedRequest> requests = a.findAll(anyRequestedFor(anyUrl()));
    assertEquals(2, requests.size());
    for (LoggedRequest request : requests) {
      assertFalse(request.getQueryParams().containsKey("u"), request.getUrl());
      assertFalse(request.getQueryParams().containsKey("p"), request.getUrl());
      assertEquals(List.of(CredentialsTest.basicOf("alice:s3cret-pw")),
          request.getHeaders().getHeader("Authorization").values());
    }
  }

  @Test
  void execute_401_throwsAuthenticationExceptionNamingUserAndOrigin() {
    a.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(401).withHeader("Content-Type", "application/json")
        .withBody("{\"error\":\"authorization failed\"}")));
    InfluxDB influx = InfluxDBFactory.connect(originA.toString(), client(alice()));
    AuthenticationException e = TestClients.assertAuthFailure(AuthenticationException.class,
        () -> influx.query(new Query("SHOW DATABASES")));
    assertEquals("authentication failed for user alice at http://127.0.0.1:" + a.port()
        + ": check the user name and password (server: authorization failed)", e.getMessage());
  }

  @Test
  void write_403_throwsAuthorizationExceptionNamingPrivilegeAndDatabase() {
    a.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(403).withHeader("Content-Type", "application/json")
        .withBody("{\"error\":\"\\\"alice\\\" user is not authorized to write to database \\\"metrics\\\"\"}")));
    InfluxDB influx = InfluxDBFactory.connect(originA.toString(), client(alice()));
    AuthorizationException e = TestClients.assertAuthFailure(AuthorizationException.class,
        () -> influx.write("metrics", "autogen", Point.measurement("m").addField("v", 1).build()));
    assertTrue(e.getMessage().startsWith("user alice lacks privilege WRITE on database \"metrics\" at http://127.0.0.1:"
        + a.port()), e.getMessage());
  }

  @Test
  void query_403_throwsAuthorizationExceptionWithoutStatement() {
    a.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(403).withHeader("Content-Type", "application/json")
        .withBody("{\"error\":\"error authorizing query: alice not authorized to execute statement"
            + " 'SELECT * FROM secret_measurement', requires READ on other\"}")));
    InfluxDB influx = InfluxDBFactory.connect(originA.toString(), client(alice()));
    AuthorizationException e = TestClients.assertAuthFailure(AuthorizationException.class,
        () -> influx.query(new Query("SELECT * FROM secret_measurement", "other")));
    assertTrue(e.getMessage().startsWith("user alice lacks privilege READ on database \"other\""), e.getMessage());
    assertFalse(e.getMessage().contains("secret_measurement"), e.getMessage());
  }

  @Test
  void redirect_toSecondOrigin_carriesNoCredentials() throws IOException {
    a.stubFor(get(anyUrl()).willReturn(aResponse().withStatus(302)
        .withHeader("Location", "http://127.0.0.1:" + b.port() + "/landing")));
    b.stubFor(get(anyUrl()).willReturn(aResponse().withStatus(200).withBody("ok")));
    try (Response response = client(alice()).build()
        .newCall(new Request.Builder().url(originA.resolve("/query?q=SHOW+DATABASES&u=x&p=y")).build()).execute()) {
      assertEquals(200, response.code());
      assertEquals("/landing", response.request().url().encodedPath());
    }
    a.verify(getRequestedFor(urlPathEqualTo("/query"))
        .withHeader("Authorization", equalTo(CredentialsTest.basicOf("alice:s3cret-pw"))));
    List<LoggedRequest> atB = b.findAll(anyRequestedFor(anyUrl()));
    assertEquals(1, atB.size());
    assertNull(atB.get(0).getHeader("Authorization"));
  }

  @Test
  void redirect_toSecondOrigin_stripsAuthorizationAddedByApplicationInterceptor() throws IOException {
    a.stubFor(get(anyUrl()).willReturn(aResponse().withStatus(307)
        .withHeader("Location", "http://127.0.0.1:" + b.port() + "/landing")));
    b.stubFor(get(anyUrl()).willReturn(aResponse().withStatus(200).withBody("ok")));
    OkHttpClient http = client(alice()).addInterceptor(chain -> chain.proceed(chain.request().newBuilder()
        .header("Authorization", "Basic c29tZW9uZTplbHNl").build())).build();
    try (Response response = http.newCall(new Request.Builder().url(originA.resolve("/x")).build()).execute()) {
      assertEquals(200, response.code());
    }
    assertNull(b.findAll(anyRequestedFor(anyUrl())).get(0).getHeader("Authorization"));
  }

  @Test
  void execute_userInterceptorsOutsideOurs_seeNoAuthorizationButServerReceivesIt() throws IOException {
    a.stubFor(get(urlPathEqualTo("/start")).willReturn(aResponse().withStatus(302).withHeader("Location", "/query")));
    a.stubFor(get(urlPathEqualTo("/query")).willReturn(aResponse().withStatus(200).withBody(OK)));
    List<String> seen = new CopyOnWriteArrayList<>();
    OkHttpClient http = new OkHttpClient.Builder().dns(TestClients.LOOPBACK_ONLY_DNS).proxy(java.net.Proxy.NO_PROXY)
        .addInterceptor(chain -> record("application", chain.proceed(chain.request()), seen))
        .addNetworkInterceptor(chain -> record("network", chain.proceed(chain.request()), seen))
        .addNetworkInterceptor(AuthInterceptor.create(alice(), originA))
        .build();
    try (Response response = http.newCall(new Request.Builder().url(originA.resolve("/start")).build()).execute()) {
      assertEquals(200, response.code());
    }
    assertEquals(List.of(
        "network /start Authorization=null",
        "network /query Authorization=null",
        "application /query Authorization=null",
        "application.network /query Authorization=null",
        "application.prior /start Authorization=null",
        "application.prior.network /start Authorization=null"), seen);
    String basic = CredentialsTest.basicOf("alice:s3cret-pw");
    a.verify(getRequestedFor(urlPathEqualTo("/start")).withHeader("Authorization", equalTo(basic)));
    a.verify(getRequestedFor(urlPathEqualTo("/query")).withHeader("Authorization", equalTo(basic)));
  }

  /** Adds the Authorization header of every request {@code response} links to (as an interceptor could read it). */
  private static Response record(String where, Response response, List<String> seen) {
    seen.add(where + " " + response.request().url().encodedPath() + " Authorization="
        + response.request().header("Authorization"));
    if (response.networkResponse() != null) {
      record(where + ".network", response.networkResponse(), seen);
    }
    if (response.cacheResponse() != null) {
      record(where + ".cache", response.cacheResponse(), seen);
    }
    if (response.priorResponse() != null) {
      record(where + ".prior", response.priorResponse(), seen);
    }
    return response;
  }

  @Test
  void query_tokenAndJwtCredentials_sendTheirSchemes() {
    a.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
        .withBody(OK)));
    InfluxDBFactory.connect(originA.toString(), client(Credentials.token("tok-123".toCharArray())))
        .query(new Query("SHOW DATABASES"));
    Credentials jwt = Credentials.jwt("alice", "0123456789abcdef0123456789abcdef".toCharArray(),
        java.time.Duration.ofMinutes(1));
    InfluxDBFactory.connect(originA.toString(), client(jwt)).query(new Query("SHOW DATABASES"));
    List<LoggedRequest> requests = a.findAll(anyRequestedFor(urlPathEqualTo("/query")));
    assertEquals("Token tok-123", requests.get(0).getHeader("Authorization"));
    assertEquals(jwt.authorizationHeader(InsecureSecretAccess.get()), requests.get(1).getHeader("Authorization"));
  }

  @Test
  void queryAsync_401_onFailureGetsAuthenticationExceptionAndNothingIsUncaught() throws Exception {
    a.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(401).withHeader("Content-Type", "application/json")
        .withBody("{\"error\":\"authorization failed\"}")));
    List<Throwable> uncaught = new CopyOnWriteArrayList<>();
    List<Thread> threads = new CopyOnWriteArrayList<>();
    ExecutorService executor = Executors.newCachedThreadPool(task -> {
      Thread thread = new Thread(task, "test-okhttp-dispatcher");
      thread.setUncaughtExceptionHandler((t, e) -> uncaught.add(e)); // what would otherwise print a stack trace
      threads.add(thread);
      return thread;
    });
    InfluxDB influx = InfluxDBFactory.connect(originA.toString(),
        client(alice()).dispatcher(new Dispatcher(executor)));
    CompletableFuture<Throwable> failure = new CompletableFuture<>();
    influx.query(new Query("SHOW DATABASES"),
        result -> failure.completeExceptionally(new AssertionError("onSuccess called: " + result)),
        failure::complete);
    Throwable thrown = failure.get(30, TimeUnit.SECONDS);
    executor.shutdown();
    assertTrue(executor.awaitTermination(30, TimeUnit.SECONDS), "dispatcher did not finish");
    for (Thread thread : threads) {
      thread.join(); // after this, its uncaught-exception handler has run, if it was going to
    }
    assertEquals(List.of(), uncaught);
    assertInstanceOf(AuthFailureIOException.class, thrown);
    AuthenticationException e = assertInstanceOf(AuthenticationException.class,
        AuthException.unwrap(thrown).orElseThrow(() -> new AssertionError("no AuthException in " + thrown)));
    assertEquals("authentication failed for user alice at http://127.0.0.1:" + a.port()
        + ": check the user name and password (server: authorization failed)", e.getMessage());
  }

  @Test
  void execute_jvmWideSocksProxyOnLoopback_refusedAndProxyReceivesNoCredentials() throws Exception {
    // -DsocksProxyHost=127.0.0.2 -DsocksNonProxyHosts= : OkHttp's route stays DIRECT (http.nonProxyHosts exempts
    // 127.*), but plain JDK sockets go through the SOCKS proxy, and report the target as their peer.
    StringBuilder seen = new StringBuilder();
    try (ServerSocket proxy = new ServerSocket(0, 5, InetAddress.getByAddress(new byte[] {127, 0, 0, 2}))) {
      proxy.setSoTimeout(30_000);
      Thread socks = new Thread(() -> serveSocksOnce(proxy, seen), "test-socks-proxy");
      socks.start();
      Map<String, String> saved = new HashMap<>();
      for (String key : new String[] {"socksProxyHost", "socksProxyPort", "socksNonProxyHosts"}) {
        saved.put(key, System.getProperty(key));
      }
      OkHttpClient http = new OkHttpClient.Builder().dns(TestClients.LOOPBACK_ONLY_DNS)
          .addNetworkInterceptor(AuthInterceptor.create(alice(), originA)).build();
      try {
        System.setProperty("socksProxyHost", "127.0.0.2");
        System.setProperty("socksProxyPort", String.valueOf(proxy.getLocalPort()));
        System.setProperty("socksNonProxyHosts", "");
        AuthFailureIOException thrown = assertThrows(AuthFailureIOException.class,
            () -> http.newCall(new Request.Builder().url(originA.resolve("/ping")).build()).execute().close());
        InsecureConnectionException e = assertInstanceOf(InsecureConnectionException.class, thrown.getCause());
        assertTrue(e.getMessage().startsWith("refusing to send credentials for user alice to http://127.0.0.1:"
            + a.port() + ": the connection is plaintext and the JVM routes plain sockets to it through SOCKS proxy"
            + " 127.0.0.2"), e.getMessage());
      } finally {
        saved.forEach((key, value) -> {
          if (value == null) {
            System.clearProperty(key);
          } else {
            System.setProperty(key, value);
          }
        });
        http.connectionPool().evictAll(); // closes the socket, so the proxy sees the end of the stream
      }
      socks.join();
    }
    String received;
    synchronized (seen) {
      received = seen.toString();
    }
    assertTrue(received.startsWith("SOCKS CONNECT 127.0.0.1:" + a.port() + "\n"), received); // the proxy was used
    assertFalse(received.toLowerCase(Locale.ROOT).contains("authorization"), received);
    assertFalse(received.contains(CredentialsTest.basicOf("alice:s3cret-pw").substring(6)), received);
  }

  /** A minimal SOCKS5 proxy for one connection: records the target and every byte after it, answers 204. */
  private static void serveSocksOnce(ServerSocket proxy, StringBuilder seen) {
    try (Socket client = proxy.accept()) {
      DataInputStream in = new DataInputStream(client.getInputStream());
      OutputStream out = client.getOutputStream();
      in.readUnsignedByte(); // version 5
      in.readNBytes(in.readUnsignedByte()); // offered methods
      out.write(new byte[] {5, 0}); // no authentication
      in.readNBytes(3); // version, CONNECT, reserved
      int type = in.readUnsignedByte();
      String host = type == 1 ? InetAddress.getByAddress(in.readNBytes(4)).getHostAddress()
          : type == 3 ? new String(in.readNBytes(in.readUnsignedByte()), StandardCharsets.US_ASCII) : "type " + type;
      int port = in.readUnsignedShort();
      out.write(new byte[] {5, 0, 0, 1, 127, 0, 0, 1, 0, 80});
      out.flush();
      synchronized (seen) {
        seen.append("SOCKS CONNECT ").append(host).append(':').append(port).append('\n');
      }
      byte[] buffer = new byte[4096];
      boolean answered = false;
      for (int n; (n = in.read(buffer)) > 0; ) {
        String text = new String(buffer, 0, n, StandardCharsets.ISO_8859_1);
        synchronized (seen) {
          seen.append(text);
        }
        if (!answered && text.contains("\r\n\r\n")) {
          out.write("HTTP/1.1 204 No Content\r\nConnection: close\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
          out.flush();
          answered = true;
        }
      }
    } catch (IOException e) {
      synchronized (seen) {
        seen.append("proxy: ").append(e);
      }
    }
  }
}
