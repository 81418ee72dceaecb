package dev.secureinflux.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.Test;

/** The proxy as a stub: nginx answering by itself, with no upstream; and keepalive_requests in the access log. */
class MtlsProxyStubIT {
  private static final String ONE_ROW = "{\"results\":[{\"statement_id\":0,\"series\":[{\"name\":\"one\","
      + "\"columns\":[\"time\",\"v\"],\"values\":[[\"2024-01-01T00:00:00Z\",1]]}]}]}";

  private static HttpClient client(SSLContext tls) {
    return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).proxy(HttpClient.Builder.NO_PROXY)
        .sslContext(tls).build();
  }

  private static HttpResponse<String> send(HttpClient client, HttpRequest.Builder request) throws Exception {
    return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static List<AccessLogEntry> awaitLog(MtlsProxy proxy, int count) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    List<AccessLogEntry> entries = proxy.accessLog();
    while (entries.size() < count) {
      if (System.nanoTime() - deadline > 0) {
        fail("gave up waiting (10 s) for " + count + " access log lines: " + entries);
      }
      Thread.sleep(20);
      entries = proxy.accessLog();
    }
    return entries;
  }

  @Test
  void stub_noClientAuth_answersPingWriteQueryAtOnceWithoutUpstream() throws Exception {
    try (MtlsProxy stub = MtlsProxy.builder().stub().clientAuth(MtlsProxy.ClientAuth.NONE).start()) {
      HttpClient client = client(TestTls.clientContext(stub.serverCa()));
      HttpResponse<String> ping = send(client, HttpRequest.newBuilder(URI.create(stub.url() + "/ping")));
      assertEquals(204, ping.statusCode());
      assertEquals("stub", ping.headers().firstValue("X-Influxdb-Version").orElse(""));
      HttpResponse<String> write = send(client, HttpRequest.newBuilder(URI.create(stub.url() + "/write?db=x"))
          .POST(HttpRequest.BodyPublishers.ofString("m v=1 1\n".repeat(1000))));
      assertEquals(204, write.statusCode());
      HttpResponse<String> query = send(client, HttpRequest.newBuilder(URI.create(stub.url()
          + "/query?db=x&q=SELECT%20v%20FROM%20one")));
      assertEquals(200, query.statusCode());
      assertEquals(ONE_ROW, query.body());
      assertEquals("application/json", query.headers().firstValue("Content-Type").orElse(""));
      HttpResponse<String> other = send(client, HttpRequest.newBuilder(URI.create(stub.url() + "/debug/vars")));
      assertEquals(404, other.statusCode());
      assertEquals("{\"error\":\"not found: this stub answers only /ping, /write and /query\"}", other.body());

      assertTrue(stub.isStub());
      assertTrue(stub.toString().endsWith("-> stub answers]"), stub.toString());
      IllegalStateException e = assertThrows(IllegalStateException.class, stub::upstreamUrl);
      assertEquals("upstreamUrl() has no value: this MtlsProxy is a stub that answers by itself", e.getMessage());
      assertThrows(IllegalStateException.class, stub::upstream);
    }
  }

  @Test
  void stub_clientAuthRequired_refusesWithoutCertificateAndLogsSubject() throws Exception {
    try (MtlsProxy stub = MtlsProxy.builder().stub().start()) {
      TestCertificate app = stub.newClientCertificate("stub app");
      assertEquals(400, send(client(TestTls.clientContext(stub.serverCa())),
          HttpRequest.newBuilder(URI.create(stub.url() + "/ping"))).statusCode());
      assertEquals(204, send(client(TestTls.clientContext(stub.serverCa(), app)),
          HttpRequest.newBuilder(URI.create(stub.url() + "/ping"))).statusCode());
      List<AccessLogEntry> log = awaitLog(stub, 2);
      assertEquals("NONE", log.get(0).clientVerify());
      assertTrue(log.get(1).presented(app), log.toString());
    }
  }

  @Test
  void keepaliveRequests_unlimitedEnough_oneConnectionForManyRequests() throws Exception {
    try (MtlsProxy stub = MtlsProxy.builder().stub().clientAuth(MtlsProxy.ClientAuth.NONE).keepaliveRequests(1000)
        .start()) {
      HttpClient client = client(TestTls.clientContext(stub.serverCa()));
      for (int i = 0; i < 20; i++) {
        assertEquals(204, send(client, HttpRequest.newBuilder(URI.create(stub.url() + "/ping"))).statusCode());
      }
      List<AccessLogEntry> log = awaitLog(stub, 20);
      assertEquals(1, log.stream().map(AccessLogEntry::connection).distinct().count(), log.toString());
      assertFalse(log.get(0).sessionReused(), log.toString());
    }
  }

  @Test
  void keepaliveRequests_one_everyRequestNewConnectionResumingTheSession() throws Exception {
    try (MtlsProxy stub = MtlsProxy.builder().stub().keepaliveRequests(1).start()) {
      HttpClient client = client(TestTls.clientContext(stub.serverCa(), stub.newClientCertificate("resumer")));
      for (int i = 0; i < 5; i++) {
        assertEquals(204, send(client, HttpRequest.newBuilder(URI.create(stub.url() + "/ping"))).statusCode());
      }
      List<AccessLogEntry> log = awaitLog(stub, 5);
      Set<Long> connections = log.stream().map(AccessLogEntry::connection).collect(Collectors.toSet());
      assertEquals(5, connections.size(), log.toString());
      assertFalse(log.get(0).sessionReused(), log.toString());
      for (AccessLogEntry entry : log.subList(1, 5)) {
        assertTrue(entry.sessionReused(), log.toString());
        assertEquals("SUCCESS", entry.clientVerify(), log.toString());
      }
      assertNotEquals(log.get(0).connection(), log.get(1).connection());
      assertTrue(java.nio.file.Files.readString(stub.configFile()).contains("keepalive_requests 1;"));
    }
  }

  @Test
  void builder_stubWithAllowPaths_throwsNamingBoth() {
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> MtlsProxy.builder().stub().allowPaths("/write").start());
    assertEquals("stub() and allowPaths(..) cannot be used together: the stub forwards nothing", e.getMessage());
  }

  @Test
  void keepaliveRequests_zero_throws() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> MtlsProxy.builder().keepaliveRequests(0));
    assertEquals("keepaliveRequests must be at least 1: 0", e.getMessage());
  }
}
