package dev.secureinflux.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.secureinflux.testkit.InfluxServer;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.influxdb.InfluxDB;
import org.influxdb.dto.Point;
import org.influxdb.dto.Query;
import org.influxdb.dto.QueryResult;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The users API end to end against a real influxd. */
class InfluxUsersIT {
  static InfluxServer server;
  static InfluxUsers users;

  @BeforeAll
  static void start() {
    server = InfluxServer.start();
    server.query("CREATE DATABASE a");
    server.query("CREATE DATABASE b");
    users = InfluxUsers.create(TestClients.safeInflux(server,
        Credentials.basic(server.adminUser(), server.adminPassword())));
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static InfluxDB as(String user, String password) {
    return TestClients.influx(server, Credentials.basic(user, password.toCharArray()));
  }

  private static boolean exists(String name) {
    return users.listUsers().stream().anyMatch(u -> u.name().equals(name));
  }

  @Test
  void readOnlyOnA_cannotWriteAOrReadB() {
    users.provision("reader", "reader-pw".toCharArray(), "a", Privilege.READ);
    InfluxDB reader = as("reader", "reader-pw");
    QueryResult ok = reader.query(new Query("SELECT * FROM m", "a"));
    assertEquals(null, ok.getError());
    AuthorizationException write = TestClients.assertAuthFailure(AuthorizationException.class,
        () -> reader.write("a", "autogen", Point.measurement("m").addField("v", 1).build()));
    assertTrue(write.getMessage().startsWith("user reader lacks privilege WRITE on database \"a\""),
        write.getMessage());
    AuthorizationException readB = TestClients.assertAuthFailure(AuthorizationException.class,
        () -> reader.query(new Query("SELECT * FROM m", "b")));
    assertTrue(readB.getMessage().startsWith("user reader lacks privilege READ on database \"b\""),
        readB.getMessage());
  }

  @Test
  void provision_twice_isIdempotentWithExactlyThosePrivileges() {
    users.provision("app", "first-pw".toCharArray(), "a", EnumSet.of(Privilege.READ, Privilege.WRITE));
    List<UserInfo> before = users.listUsers();
    users.provision("app", "first-pw".toCharArray(), "a", EnumSet.of(Privilege.READ, Privilege.WRITE));
    assertEquals(before, users.listUsers());
    assertEquals(List.of(new Grant("a", Privilege.ALL)), users.grants("app"));
    users.provision("app", "second-pw".toCharArray(), "a", Privilege.WRITE);
    assertEquals(List.of(new Grant("a", Privilege.WRITE)), users.grants("app"));
    TestClients.assertAuthFailure(AuthenticationException.class,
        () -> as("app", "first-pw").query(new Query("SHOW DATABASES")));
    assertEquals(null, as("app", "second-pw").query(new Query("SHOW DATABASES")).getError());
    users.provision("app", "second-pw".toCharArray(), "a", Set.of());
    assertEquals(List.of(), users.grants("app"));
  }

  @Test
  void provision_existingAdmin_isNoLongerAdmin() {
    users.createAdmin("boss", "boss-pw".toCharArray());
    assertTrue(users.listUsers().contains(new UserInfo("boss", true)));
    users.provision("boss", "boss-pw2".toCharArray(), "b", Privilege.WRITE);
    assertTrue(users.listUsers().contains(new UserInfo("boss", false)));
    assertEquals(List.of(new Grant("b", Privilege.WRITE)), users.grants("boss"));
  }

  @Test
  void grantRevokeAdminAndDrop_roundTrip() {
    users.createUser("gr", "gr-pw".toCharArray());
    users.grant("gr", Privilege.READ, "a");
    users.grant("gr", Privilege.WRITE, "b");
    assertEquals(Set.of(new Grant("a", Privilege.READ), new Grant("b", Privilege.WRITE)),
        Set.copyOf(users.grants("gr")));
    users.revoke("gr", Privilege.READ, "a");
    assertEquals(List.of(new Grant("b", Privilege.WRITE)), users.grants("gr"));
    users.grantAdmin("gr");
    assertTrue(users.listUsers().contains(new UserInfo("gr", true)));
    users.revokeAdmin("gr");
    assertTrue(users.listUsers().contains(new UserInfo("gr", false)));
    users.setPassword("gr", "gr-pw2".toCharArray());
    assertEquals(null, as("gr", "gr-pw2").query(new Query("SHOW DATABASES")).getError());
    users.dropUser("gr");
    assertFalse(exists("gr"));
  }

  @Test
  void createUser_existing_throwsWithSafeServerMessageAndNoPassword() {
    users.createUser("dup", "dup-pw-1".toCharArray());
    UserManagementException e = assertThrows(UserManagementException.class,
        () -> users.createUser("dup", "dup-pw-2".toCharArray()));
    assertEquals("CREATE USER \"dup\" WITH PASSWORD [REDACTED] failed: user already exists", e.getMessage());
  }

  @Test
  void grant_unknownDatabase_throwsWithServerMessage() {
    users.createUser("nodb", "nodb-pw".toCharArray());
    UserManagementException e = assertThrows(UserManagementException.class,
        () -> users.grant("nodb", Privilege.READ, "missing"));
    assertTrue(e.getMessage().startsWith("GRANT READ ON \"missing\" TO \"nodb\" failed: database not found"),
        e.getMessage());
  }

  @Test
  void createUser_asNonAdmin_throwsAuthorizationWithoutPassword() {
    users.provision("weak", "weak-pw".toCharArray(), "a", Privilege.READ);
    InfluxUsers notAdmin = InfluxUsers.create(TestClients.credentialSafe(as("weak", "weak-pw"), "weak"));
    AuthorizationException e = assertThrows(AuthorizationException.class,
        () -> notAdmin.createUser("victim", "victim-secret".toCharArray()));
    assertFalse(e.toString().contains("victim-secret"), e.toString());
    assertTrue(e.getMessage().contains("[REDACTED]") && e.getMessage().contains("lacks the admin privilege"),
        e.getMessage());
    AuthorizationException list = assertThrows(AuthorizationException.class, notAdmin::listUsers);
    assertTrue(list.getMessage().startsWith("user weak lacks privilege admin"), list.getMessage());
  }

  @Test
  void randomNamesAndPasswords_areTakenLiterally() {
    long seed = Long.getLong("auth.seed", System.nanoTime());
    Random random = new Random(seed);
    String alphabet = "ab\"'\\\n \t;-=*`{}äöß名😀";
    List<UserInfo> baseline = users.listUsers();
    String databases = server.query("SHOW DATABASES");
    int cases = 100;
    for (int i = 0; i < cases; i++) {
      String name = "u" + i + randomText(random, alphabet, 1 + random.nextInt(10));
      String password = randomText(random, alphabet + ":", 1 + random.nextInt(14));
      String where = "case " + i + " of seed " + seed + " (rerun with -Dauth.seed=" + seed + ")";
      try {
        users.createUser(name, password.toCharArray());
        assertTrue(users.listUsers().contains(new UserInfo(name, false)), where + ": user not listed literally");
        QueryResult result = as(name, password).query(new Query("SHOW DATABASES"));
        assertEquals(null, result.getError(), where);
        if (i % 10 == 0) {
          TestClients.assertAuthFailure(AuthenticationException.class,
              () -> as(name, password + "x").query(new Query("SHOW DATABASES")), where);
        }
        users.dropUser(name);
        assertEquals(baseline, users.listUsers(), where + ": the user list changed");
      } catch (RuntimeException | AssertionError e) {
        throw new AssertionError(where + " failed: " + e, e);
      }
    }
    assertEquals(databases, server.query("SHOW DATABASES"));
  }

  private static String randomText(Random random, String alphabet, int length) {
    int[] points = alphabet.codePoints().toArray();
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < length; i++) {
      out.appendCodePoint(points[random.nextInt(points.length)]);
    }
    String text = out.toString();
    return text.isBlank() ? text + "z" : text;
  }

  @Test
  void provision_missingDatabase_throwsAndCreatesNoUser() {
    UserManagementException e = assertThrows(UserManagementException.class,
        () -> users.provision("orphan", "orphan-pw".toCharArray(), "missing", Privilege.READ));
    assertEquals("cannot provision user orphan: database \"missing\" does not exist; create it first"
        + " (CREATE DATABASE), nothing was changed", e.getMessage());
    assertFalse(exists("orphan"));
  }
}
