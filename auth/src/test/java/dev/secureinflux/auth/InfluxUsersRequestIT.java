package dev.secureinflux.auth;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import org.influxdb.InfluxDB;
import org.influxdb.InfluxDBFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What InfluxUsers puts on the wire, and how it handles server errors, against WireMock on 127.0.0.1. */
class InfluxUsersRequestIT {
  private WireMockServer server;
  private InfluxUsers users;

  @BeforeEach
  void start() {
    server = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
    server.start();
    HttpUrl origin = HttpUrl.get("http://127.0.0.1:" + server.port());
    OkHttpClient.Builder http = new OkHttpClient.Builder().dns(TestClients.LOOPBACK_ONLY_DNS)
        .proxy(java.net.Proxy.NO_PROXY)
        .addNetworkInterceptor(AuthInterceptor.create(Credentials.basic("admin", "admin-pw".toCharArray()), origin));
    users = InfluxUsers.create(TestClients.credentialSafe(InfluxDBFactory.connect(origin.toString(), http), "admin"));
  }

  @AfterEach
  void stop() {
    server.stop();
  }

  private void answer(int status, String body) {
    server.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(status)
        .withHeader("Content-Type", "application/json").withBody(body)));
  }

  @Test
  void createUser_passwordGoesInPostBodyNotUrl() {
    answer(200, "{\"results\":[{\"statement_id\":0}]}");
    users.createUser("bob", "wire-secret'\n".toCharArray());
    List<LoggedRequest> requests = server.findAll(anyRequestedFor(anyUrl()));
    assertEquals(1, requests.size());
    LoggedRequest request = requests.get(0);
    assertEquals("POST", request.getMethod().getName());
    assertFalse(request.getUrl().contains("wire-secret"), request.getUrl());
    assertFalse(request.getQueryParams().containsKey("q"), request.getUrl());
    String body = URLDecoder.decode(request.getBodyAsString(), StandardCharsets.UTF_8);
    assertEquals("q=CREATE USER \"bob\" WITH PASSWORD 'wire-secret\\'\\n'", body);
  }

  @Test
  void setPassword_serverErrorEchoingStatement_isWithheld() {
    answer(400, "{\"error\":\"error parsing query: found wire-secret, expected ; at line 1, char 30\"}");
    UserManagementException e = assertThrows(UserManagementException.class,
        () -> users.setPassword("bob", "wire-secret".toCharArray()));
    assertEquals("SET PASSWORD FOR \"bob\" = [REDACTED] failed; the server's message is withheld because it could"
        + " echo the password", e.getMessage());
    assertEquals(null, e.getCause());
  }

  @Test
  void setPassword_statementLevelErrorEchoingStatement_isWithheld() {
    answer(200, "{\"results\":[{\"statement_id\":0,\"error\":\"bad thing near wire-secret\"}]}");
    UserManagementException e = assertThrows(UserManagementException.class,
        () -> users.setPassword("bob", "wire-secret".toCharArray()));
    assertFalse(e.toString().contains("wire-secret"), e.toString());
  }

  @Test
  void grant_serverError_isShown() {
    answer(200, "{\"results\":[{\"statement_id\":0,\"error\":\"user not found\"}]}");
    UserManagementException e = assertThrows(UserManagementException.class,
        () -> users.grant("ghost", Privilege.WRITE, "db"));
    assertEquals("GRANT WRITE ON \"db\" TO \"ghost\" failed: user not found", e.getMessage());
  }

  @Test
  void listUsers_typedRows() {
    answer(200, "{\"results\":[{\"statement_id\":0,\"series\":[{\"columns\":[\"user\",\"admin\"],"
        + "\"values\":[[\"admin\",true],[\"app\",false]]}]}]}");
    assertEquals(List.of(new UserInfo("admin", true), new UserInfo("app", false)), users.listUsers());
  }

  @Test
  void grants_typedRowsWithoutNoPrivileges() {
    answer(200, "{\"results\":[{\"statement_id\":0,\"series\":[{\"columns\":[\"database\",\"privilege\"],"
        + "\"values\":[[\"a\",\"READ\"],[\"b\",\"ALL PRIVILEGES\"],[\"c\",\"NO PRIVILEGES\"],[\"d\",\"WRITE\"]]}]}]}");
    assertEquals(List.of(new Grant("a", Privilege.READ), new Grant("b", Privilege.ALL),
        new Grant("d", Privilege.WRITE)), users.grants("app"));
  }

  @Test
  void provision_badInput_refusedBeforeAnyRequest() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> users.provision("app", "bad\rpw".toCharArray(), "db", Privilege.READ));
    assertTrue(e.getMessage().contains("carriage return"), e.getMessage());
    assertThrows(IllegalArgumentException.class,
        () -> users.provision("app", "pw".toCharArray(), " ", Privilege.READ));
    assertEquals(0, server.findAll(anyRequestedFor(anyUrl())).size());
  }

  @Test
  void create_bareInfluxdbJavaClient_throwsNamingSecureInfluxBuilder() {
    // An IP literal: influxdb-java's connect() resolves the host itself (InetAddress.getByName), past any Dns.
    InfluxDB bare = InfluxDBFactory.connect("http://127.0.0.1:" + server.port(), new OkHttpClient.Builder()
        .dns(FakeConnections.TRIPWIRE_DNS).socketFactory(FakeConnections.TRIPWIRE_SOCKETS));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> InfluxUsers.create(bare));
    assertEquals("InfluxUsers needs a client that sends passwords only over verified TLS or to loopback and cannot"
        + " log request bodies, got org.influxdb.impl.InfluxDBImpl: build the admin connection with"
        + " SecureInflux.builder() (it implements dev.secureinflux.auth.CredentialSafeClient)", e.getMessage());
  }

  @Test
  void provision_missingDatabase_throwsAfterOnlyShowDatabases() {
    answer(200, "{\"results\":[{\"statement_id\":0,\"series\":[{\"name\":\"databases\",\"columns\":[\"name\"],"
        + "\"values\":[[\"_internal\"],[\"other\"]]}]}]}");
    UserManagementException e = assertThrows(UserManagementException.class,
        () -> users.provision("app", "app-pw".toCharArray(), "metrics", Privilege.WRITE));
    assertEquals("cannot provision user app: database \"metrics\" does not exist; create it first (CREATE DATABASE),"
        + " nothing was changed", e.getMessage());
    List<LoggedRequest> requests = server.findAll(anyRequestedFor(anyUrl()));
    assertEquals(1, requests.size());
    assertEquals("q=SHOW DATABASES", URLDecoder.decode(requests.get(0).getBodyAsString(), StandardCharsets.UTF_8));
  }

  @Test
  void provision_theConnectionsOwnUser_refusedBeforeAnyRequest() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> users.provision("admin", "new-pw".toCharArray(), "metrics", Privilege.ALL));
    assertEquals("refusing to provision user admin: it is the admin connection's own user, and provisioning revokes"
        + " its admin privilege; provision application users, not the admin", e.getMessage());
    assertEquals(0, server.findAll(anyRequestedFor(anyUrl())).size());
  }
}
