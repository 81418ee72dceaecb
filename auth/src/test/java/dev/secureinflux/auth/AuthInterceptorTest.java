package dev.secureinflux.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.secureinflux.auth.internal.ConnectionSafety;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Proxy;
import okhttp3.Connection;
import okhttp3.HttpUrl;
import okhttp3.Protocol;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.Test;

/** The per-request decision, with in-memory connections: no name is resolved, no socket opened. */
class AuthInterceptorTest {
  private static final InetAddress REMOTE = FakeConnections.address("influx.example.com", 203, 0, 113, 5);
  private static final InetAddress LOOPBACK = FakeConnections.address("localhost", 127, 0, 0, 1);
  private static final InetAddress LOOPBACK6 = FakeConnections.address("localhost",
      0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1);
  /** A loopback name whose connection ends up at a remote peer, as with a hostile resolver or hosts file. */
  private static final HttpUrl LOCALHOST_HTTP = HttpUrl.get("http://localhost:8086");

  private static Credentials basic() {
    return Credentials.basic("alice", "s3cret".toCharArray());
  }

  @Test
  void unsafeReason_plaintextToNonLoopback_isUnsafe() {
    Connection c = FakeConnections.connection(REMOTE, Proxy.NO_PROXY, false);
    assertEquals("the connection is plaintext and its peer 203.0.113.5 is not a loopback address",
        ConnectionSafety.unsafeReason(c));
  }

  @Test
  void unsafeReason_plaintextToLoopback_isSafe() {
    assertNull(ConnectionSafety.unsafeReason(FakeConnections.connection(LOOPBACK, Proxy.NO_PROXY, false)));
    assertNull(ConnectionSafety.unsafeReason(FakeConnections.connection(LOOPBACK6, Proxy.NO_PROXY, false)));
  }

  @Test
  void unsafeReason_tlsHandshakeToNonLoopback_isSafe() {
    assertNull(ConnectionSafety.unsafeReason(FakeConnections.connection(REMOTE, Proxy.NO_PROXY, true)));
  }

  @Test
  void unsafeReason_plaintextThroughLoopbackProxy_isUnsafe() {
    Proxy proxy = new Proxy(Proxy.Type.HTTP, InetSocketAddress.createUnresolved("127.0.0.1", 3128));
    String reason = ConnectionSafety.unsafeReason(FakeConnections.connection(LOOPBACK, proxy, false));
    assertTrue(reason.startsWith("the connection is plaintext through proxy"), reason);
  }

  @Test
  void unsafeReason_noConnection_saysInstallAsNetworkInterceptor() {
    assertTrue(ConnectionSafety.unsafeReason(null).contains("addNetworkInterceptor"));
  }

  @Test
  void create_plainHttpNonLoopbackOrigin_throws() {
    for (String url : new String[] {"http://influx.example.com:8086", "http://0.0.0.0:8086", "http://[::]:8086",
        "http://127.0.0.1.example.invalid:8086", "http://10.0.0.1:8086"}) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> AuthInterceptor.create(basic(), HttpUrl.get(url)));
      assertTrue(e.getMessage().startsWith("origin must use https unless its host is loopback"), e.getMessage());
    }
    for (String url : new String[] {"http://localhost:1", "http://127.0.0.1:1", "http://127.255.0.9:1",
        "http://[::1]:1", "https://influx.example.com:8086"}) {
      AuthInterceptor.create(basic(), HttpUrl.get(url));
    }
  }

  @Test
  void intercept_plaintextToNonLoopbackPeer_throwsAndSendsNothing() {
    FakeConnections.RecordingChain chain = new FakeConnections.RecordingChain(
        new Request.Builder().url(LOCALHOST_HTTP.resolve("/query?q=SHOW+DATABASES")).build(),
        FakeConnections.connection(REMOTE, Proxy.NO_PROXY, false), 200, "{}");
    AuthFailureIOException thrown = assertThrows(AuthFailureIOException.class,
        () -> AuthInterceptor.create(basic(), LOCALHOST_HTTP).intercept(chain));
    InsecureConnectionException e = assertInstanceOf(InsecureConnectionException.class, thrown.getCause());
    assertEquals(e.getMessage(), thrown.getMessage());
    assertEquals("refusing to send credentials for user alice to http://localhost:8086: the connection"
        + " is plaintext and its peer 203.0.113.5 is not a loopback address; use https:// (plain http is only for"
        + " loopback addresses)", e.getMessage());
    assertNull(chain.sent);
  }

  @Test
  void intercept_applicationInterceptor_throwsAndSendsNothing() {
    FakeConnections.RecordingChain chain = new FakeConnections.RecordingChain(
        new Request.Builder().url(LOCALHOST_HTTP.resolve("/ping")).build(), null, 204, "");
    AuthFailureIOException thrown = assertThrows(AuthFailureIOException.class,
        () -> AuthInterceptor.create(basic(), LOCALHOST_HTTP).intercept(chain));
    InsecureConnectionException e = assertInstanceOf(InsecureConnectionException.class, thrown.getCause());
    assertTrue(e.getMessage().contains("addNetworkInterceptor"), e.getMessage());
    assertNull(chain.sent);
  }

  @Test
  void intercept_verifiedTls_addsHeaderAndStripsUrlCredentials() throws Exception {
    HttpUrl origin = HttpUrl.get("https://influx.example.com:8086");
    FakeConnections.RecordingChain chain = new FakeConnections.RecordingChain(
        new Request.Builder().url(origin.resolve("/query?u=mallory&p=leaked&q=SHOW+USERS"))
            .header("Authorization", "Basic bWFsbG9yeTpsZWFrZWQ=").build(),
        FakeConnections.connection(REMOTE, Proxy.NO_PROXY, true), 200, "{}");
    AuthInterceptor.create(basic(), origin).intercept(chain).close();
    assertEquals(CredentialsTest.basicOf("alice:s3cret"), chain.sent.header("Authorization"));
    assertEquals(1, chain.sent.headers("Authorization").size());
    assertNull(chain.sent.url().queryParameter("u"));
    assertNull(chain.sent.url().queryParameter("p"));
    assertEquals("SHOW USERS", chain.sent.url().queryParameter("q"));
  }

  @Test
  void intercept_verifiedTls_returnedResponseRequestHasNoAuthorization() throws Exception {
    HttpUrl origin = HttpUrl.get("https://influx.example.com:8086");
    FakeConnections.RecordingChain chain = new FakeConnections.RecordingChain(
        new Request.Builder().url(origin.resolve("/query?q=SHOW+USERS")).header("X-Keep", "1").build(),
        FakeConnections.connection(REMOTE, Proxy.NO_PROXY, true), 200, "{}");
    try (Response response = AuthInterceptor.create(basic(), origin).intercept(chain)) {
      assertEquals(CredentialsTest.basicOf("alice:s3cret"), chain.sent.header("Authorization"));
      assertNull(response.request().header("Authorization"));
      assertEquals("1", response.request().header("X-Keep"));
      assertEquals(chain.sent.url(), response.request().url());
      assertEquals("{}", response.body().string());
    }
  }

  @Test
  void withoutAuthorization_linkedResponses_allStripped() {
    Request authorized = new Request.Builder().url("https://influx.example.com:8086/query")
        .header("Authorization", "Basic YWxpY2U6czNjcmV0").build();
    Response bodiless = new Response.Builder().request(authorized).protocol(Protocol.HTTP_1_1).code(200).message("x")
        .build();
    Response response = bodiless.newBuilder().networkResponse(bodiless).cacheResponse(bodiless)
        .priorResponse(bodiless.newBuilder().networkResponse(bodiless).build()).build();
    Response stripped = AuthInterceptor.withoutAuthorization(response);
    assertNull(stripped.request().header("Authorization"));
    assertNull(stripped.networkResponse().request().header("Authorization"));
    assertNull(stripped.cacheResponse().request().header("Authorization"));
    assertNull(stripped.priorResponse().request().header("Authorization"));
    assertNull(stripped.priorResponse().networkResponse().request().header("Authorization"));
    assertEquals(authorized.url(), stripped.priorResponse().networkResponse().request().url());
  }

  @Test
  void intercept_otherOrigin_sendsNoCredentialsAndStripsForeignOnes() throws Exception {
    HttpUrl origin = HttpUrl.get("https://influx.example.com:8086");
    HttpUrl otherPort = HttpUrl.get("https://influx.example.com:9999/query?u=a&p=b");
    FakeConnections.RecordingChain chain = new FakeConnections.RecordingChain(
        new Request.Builder().url(otherPort).header("Authorization", "Basic eDp5").build(),
        FakeConnections.connection(REMOTE, Proxy.NO_PROXY, true), 401, "{\"error\":\"x\"}");
    AuthInterceptor.create(basic(), origin).intercept(chain).close(); // 401 from a foreign origin passes through
    assertNull(chain.sent.header("Authorization"));
    assertNull(chain.sent.url().queryParameter("p"));
  }

  @Test
  void intercept_otherScheme_sendsNoCredentials() throws Exception {
    HttpUrl origin = HttpUrl.get("https://127.0.0.1:8086");
    FakeConnections.RecordingChain chain = new FakeConnections.RecordingChain(
        new Request.Builder().url("http://127.0.0.1:8086/ping").build(),
        FakeConnections.connection(LOOPBACK, Proxy.NO_PROXY, false), 204, "");
    AuthInterceptor.create(basic(), origin).intercept(chain).close();
    assertNull(chain.sent.header("Authorization"));
  }

  @Test
  void serverSaid_statementInError_isRedacted() {
    String said = AuthInterceptor.serverSaid("error authorizing query: bob not authorized to execute statement"
        + " 'SET PASSWORD FOR \"x\" = 'leak'', requires admin privilege");
    assertFalse(said.contains("leak"), said);
    assertTrue(said.contains("statement <redacted>, requires admin privilege"), said);
  }

  @Test
  void toString_interceptor_containsNoSecret() {
    String s = AuthInterceptor.create(basic(), HttpUrl.get("https://influx.example.com:8086")).toString();
    assertEquals("AuthInterceptor(Credentials.basic(user=alice, password=<redacted>) ->"
        + " https://influx.example.com:8086)", s);
  }

  @Test
  void toString_exceptions_containNoSecret() {
    Credentials credentials = basic();
    String header = credentials.authorizationHeader(InsecureSecretAccess.get());
    AuthFailureIOException io = assertThrows(AuthFailureIOException.class,
        () -> AuthInterceptor.create(credentials, LOCALHOST_HTTP).intercept(
            new FakeConnections.RecordingChain(new Request.Builder().url(LOCALHOST_HTTP).build(),
                FakeConnections.connection(REMOTE, Proxy.NO_PROXY, false), 200, "")));
    for (Exception e : new Exception[] {
        assertThrows(RuntimeException.class, () -> Credentials.basic("alice", "   ".toCharArray())),
        assertThrows(RuntimeException.class, () -> Credentials.jwt("alice", "s3cret".toCharArray(),
            java.time.Duration.ofMinutes(1))),
        io, io.getCause()}) {
      assertFalse(e.toString().contains("s3cret"), e.toString());
      assertFalse(e.toString().contains(header.substring(6)), e.toString());
    }
  }

  @Test
  void unsafeReason_loopbackPeerButNonLoopbackLocalAddress_isUnsafe() {
    // What a JVM-wide SOCKS proxy looks like: the socket reports its target as peer, but its local end is the
    // connection to the proxy.
    Connection c = FakeConnections.connection(LOOPBACK, FakeConnections.address("host", 192, 0, 2, 7),
        Proxy.NO_PROXY, false);
    assertEquals("the connection is plaintext and its local address 192.0.2.7 is not a loopback address"
        + " (a JVM-wide SOCKS proxy?)", ConnectionSafety.unsafeReason(c));
  }

  @Test
  void create_nonCanonicalLoopbackLiterals_throw() {
    for (String url : new String[] {"http://127.0.0.01:8086", "http://0177.0.0.1:8086", "http://127.000.0.1:8086",
        "http://127.1:8086", "http://127.0.0.1.:8086", "http://localhost.localdomain:8086"}) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> AuthInterceptor.create(basic(), HttpUrl.get(url)), url);
      assertTrue(e.getMessage().startsWith("origin must use https unless its host is loopback"), e.getMessage());
    }
  }

  @Test
  void create_canonicalLoopbackLiterals_areAccepted() {
    for (String url : new String[] {"http://LOCALHOST:1", "http://LocalHost.:1", "http://localhost.:1",
        "http://127.0.0.0:1", "http://127.10.200.255:1", "http://[0:0:0:0:0:0:0:1]:1", "http://[::0:1]:1"}) {
      assertTrue(AuthInterceptor.create(basic(), HttpUrl.get(url)).toString().contains("-> http://"), url);
    }
  }

  @Test
  void intercept_401_throwsIoExceptionWhoseCauseIsAuthenticationException() {
    FakeConnections.RecordingChain chain = new FakeConnections.RecordingChain(
        new Request.Builder().url(LOCALHOST_HTTP.resolve("/query?q=SHOW+DATABASES")).build(),
        FakeConnections.connection(LOOPBACK, Proxy.NO_PROXY, false), 401, "{\"error\":\"authorization failed\"}");
    AuthFailureIOException e = assertThrows(AuthFailureIOException.class,
        () -> AuthInterceptor.create(basic(), LOCALHOST_HTTP).intercept(chain));
    AuthenticationException cause = assertInstanceOf(AuthenticationException.class, e.getCause());
    assertEquals("authentication failed for user alice at http://localhost:8086: check the user name and password"
        + " (server: authorization failed)", cause.getMessage());
    assertEquals(cause.getMessage(), e.getMessage());
  }

  @Test
  void intercept_403_throwsIoExceptionWhoseCauseIsAuthorizationException() {
    FakeConnections.RecordingChain chain = new FakeConnections.RecordingChain(
        new Request.Builder().url(LOCALHOST_HTTP.resolve("/write?db=metrics")).build(),
        FakeConnections.connection(LOOPBACK, Proxy.NO_PROXY, false), 403,
        "{\"error\":\"\\\"alice\\\" user is not authorized to write to database \\\"metrics\\\"\"}");
    AuthFailureIOException e = assertThrows(AuthFailureIOException.class,
        () -> AuthInterceptor.create(basic(), LOCALHOST_HTTP).intercept(chain));
    AuthorizationException cause = assertInstanceOf(AuthorizationException.class, e.getCause());
    assertTrue(cause.getMessage().startsWith("user alice lacks privilege WRITE on database \"metrics\" at"
        + " http://localhost:8086"), cause.getMessage());
  }
}
