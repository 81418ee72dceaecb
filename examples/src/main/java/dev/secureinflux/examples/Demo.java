package dev.secureinflux.examples;

import dev.secureinflux.SecureInflux;
import dev.secureinflux.SecureInfluxException;
import dev.secureinflux.auth.Credentials;
import dev.secureinflux.auth.InfluxUsers;
import dev.secureinflux.auth.Privilege;
import dev.secureinflux.testkit.InfluxServer;
import dev.secureinflux.tls.TrustMaterial;
import java.security.SecureRandom;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.influxdb.InfluxDB;
import org.influxdb.dto.BatchPoints;
import org.influxdb.dto.Point;
import org.influxdb.dto.Query;
import org.influxdb.dto.QueryResult;

/**
 * The README's main job: starts a local InfluxDB with authentication and HTTPS on, provisions a least-privileged
 * application user over an admin connection, writes and reads points as that user, and shows what the library
 * refuses.
 *
 * <p>Run it with {@code ./mvnw -B -Pdemo -DskipTests package}. It needs {@code influxd} (Debian package
 * {@code influxdb}) and talks only to 127.0.0.1.
 */
public final class Demo {
  private Demo() {}

  public static void main(String[] args) {
    try (InfluxServer server = InfluxServer.start()) {
      System.out.println("1. started influxd " + server.url() + " (auth on, HTTPS on, CA " + server.caPem() + ")");
      TrustMaterial trust = TrustMaterial.pem(server.caPem());

      char[] appPassword = randomPassword();
      try (InfluxDB admin = SecureInflux.builder()
          .url(server.url())
          .credentials(Credentials.basic(server.adminUser(), server.adminPassword()))
          .trust(trust)
          .build()) {
        admin.query(new Query("CREATE DATABASE \"metrics\"", null, true));
        InfluxUsers users = InfluxUsers.create(admin);
        users.provision("app_writer", appPassword, "metrics", Privilege.ALL);
        System.out.println("2. as admin: created database metrics and provisioned user app_writer: "
            + users.grants("app_writer"));
      }

      try (InfluxDB app = SecureInflux.builder()
          .url(server.url())
          .credentials(Credentials.basic("app_writer", appPassword))
          .trust(trust)
          .database("metrics")
          .build()) {
        BatchPoints batch = BatchPoints.database("metrics").build();
        long now = System.currentTimeMillis();
        for (int i = 0; i < 10; i++) {
          batch.point(Point.measurement("cpu")
              .time(now - i * 1000L, TimeUnit.MILLISECONDS)
              .tag("host", "demo")
              .addField("load", i / 10.0)
              .build());
        }
        app.write(batch);
        QueryResult result = app.query(new Query("SELECT count(load) FROM cpu", "metrics"));
        List<List<Object>> values = result.getResults().get(0).getSeries().get(0).getValues();
        System.out.println("3. as app_writer over " + app + ": wrote 10 points, read back count = "
            + values.get(0).get(1));
      }

      System.out.println("4. what the library refuses, before any byte or DNS query leaves:");
      refuse("plain HTTP to a remote host", () -> SecureInflux.builder()
          .url("http://influx.example.com:8086")
          .credentials(Credentials.basic("app_writer", "irrelevant".toCharArray()))
          .build());
      refuse("no credentials", () -> SecureInflux.builder().url(server.url()).trust(trust).build());
      refuse("a password in the URL", () -> SecureInflux.builder()
          .url("https://app_writer:hunter2@localhost:8086")
          .credentials(Credentials.basic("app_writer", "irrelevant".toCharArray()))
          .build());
      System.out.println("done: the server is stopped and its files are deleted.");
    }
  }

  private static void refuse(String what, Runnable attempt) {
    try {
      attempt.run();
      throw new AssertionError("expected a refusal for " + what);
    } catch (SecureInfluxException e) {
      System.out.println("   - " + what + ": " + e.getClass().getSimpleName() + ": " + e.getMessage());
    }
  }

  private static char[] randomPassword() {
    String alphabet = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    SecureRandom random = new SecureRandom();
    char[] password = new char[24];
    for (int i = 0; i < password.length; i++) {
      password[i] = alphabet.charAt(random.nextInt(alphabet.length()));
    }
    return password;
  }
}
