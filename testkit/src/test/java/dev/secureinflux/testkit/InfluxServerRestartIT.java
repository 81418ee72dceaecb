package dev.secureinflux.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link InfluxServer#stop()} and {@link InfluxServer#restart()}: same port, directory, data, certificate, users. */
class InfluxServerRestartIT {
  @RegisterExtension
  static final InfluxServerExtension INFLUX = InfluxServerExtension.https();

  private static final InetAddress LOOPBACK = loopback();

  private static InetAddress loopback() {
    try {
      return InetAddress.getByAddress(new byte[] {127, 0, 0, 1});
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static HttpClient client(InfluxServer server) {
    return HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .proxy(HttpClient.Builder.NO_PROXY)
        .connectTimeout(Duration.ofSeconds(2))
        .sslContext(TestTls.clientContext(server.ca()))
        .build();
  }

  private static HttpResponse<String> write(HttpClient client, InfluxServer server, String database, String line)
      throws IOException, InterruptedException {
    return client.send(HttpRequest.newBuilder(URI.create(server.url() + "/write?db=" + database))
        .timeout(Duration.ofSeconds(5))
        .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
            (server.adminUser() + ":" + new String(server.adminPassword())).getBytes(StandardCharsets.UTF_8)))
        .POST(HttpRequest.BodyPublishers.ofString(line)).build(), HttpResponse.BodyHandlers.ofString());
  }

  /** Polls {@code condition} for at most 30 s; the bound keeps a broken server from hanging the build. */
  private static void await(BooleanSupplier condition, String what) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() - deadline > 0) {
        fail("gave up waiting (30 s) for " + what);
      }
      Thread.sleep(20);
    }
  }

  @AfterEach
  void serverRunsAgain() {
    if (!INFLUX.server().isRunning()) {
      INFLUX.server().restart();
    }
  }

  @Test
  void stopThenRestart_keepsPortDataCertificateAndUsers() throws Exception {
    InfluxServer server = INFLUX.server();
    server.query("CREATE DATABASE kept");
    server.write("kept", "m value=1 1000000000");
    int port = server.port();
    int rpcPort = server.rpcPort();
    long pid = server.pid();
    Path dir = server.tempDir();

    server.stop();

    assertFalse(server.isRunning());
    assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "influxd pid " + pid + " alive");
    assertTrue(Files.isDirectory(dir));
    assertThrows(ConnectException.class, () -> {
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress(LOOPBACK, port), 2000);
      }
    });
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> server.query("SHOW DATABASES"));
    assertTrue(e.getMessage().endsWith("is not running: call restart() first"), e.getMessage());
    assertTrue(server.toString().contains(", stopped"), server.toString());

    server.restart();

    assertTrue(server.isRunning());
    assertNotEquals(pid, server.pid());
    assertEquals(port, server.port());
    assertEquals(rpcPort, server.rpcPort());
    assertTrue(server.query("kept", "SELECT value FROM m").contains("[\"1970-01-01T00:00:01Z\",1]"));
    HttpResponse<String> response = write(client(server), server, "kept", "m value=2 2000000000");
    assertEquals(204, response.statusCode(), response.body());
    assertEquals(server.serverCertificate().certificate(),
        response.sslSession().orElseThrow().getPeerCertificates()[0]);
  }

  @Test
  void restart_whileRunning_startsNewProcessOnSamePort() {
    InfluxServer server = INFLUX.server();
    long pid = server.pid();
    int port = server.port();
    server.restart();
    assertTrue(server.isRunning());
    assertNotEquals(pid, server.pid());
    assertEquals(port, server.port());
    assertTrue(server.query("SHOW USERS").contains("[\"admin\",true]"));
  }

  @Test
  void writeRun_stoppedAndRestartedMidway_everyAcknowledgedPointStored() throws Exception {
    InfluxServer server = INFLUX.server();
    server.query("CREATE DATABASE run");
    HttpClient client = client(server);
    Set<Integer> acknowledged = ConcurrentHashMap.newKeySet();
    AtomicInteger attempted = new AtomicInteger();
    AtomicInteger failed = new AtomicInteger();
    AtomicBoolean running = new AtomicBoolean(true);
    Thread writer = new Thread(() -> {
      while (running.get()) {
        int i = attempted.getAndIncrement();
        try {
          if (write(client, server, "run", "m value=" + i + "i " + (i + 1) + "000000000").statusCode() == 204) {
            acknowledged.add(i);
          } else {
            failed.incrementAndGet();
          }
        } catch (IOException e) {
          failed.incrementAndGet();
          try {
            Thread.sleep(10);
          } catch (InterruptedException stop) {
            return;
          }
        } catch (InterruptedException e) {
          return;
        }
      }
    }, "restart-it-writer");
    writer.start();
    try {
      await(() -> acknowledged.size() >= 20, "20 writes before the stop");
      server.stop();
      await(() -> failed.get() >= 3, "3 failed writes while influxd is stopped");
      server.restart();
      int beforeRestart = attempted.get();
      await(() -> acknowledged.stream().filter(i -> i >= beforeRestart).count() >= 20, "20 writes after restart");
    } finally {
      running.set(false);
      writer.join(10_000);
    }

    Set<Integer> stored = new HashSet<>();
    Matcher values = Pattern.compile("Z\",(\\d+)\\]").matcher(server.query("run", "SELECT value FROM m"));
    while (values.find()) {
      stored.add(Integer.parseInt(values.group(1)));
    }
    assertTrue(stored.containsAll(acknowledged), "acknowledged but lost: " + difference(acknowledged, stored));
    assertTrue(stored.stream().allMatch(i -> i < attempted.get()), "stored but never sent: " + stored);
  }

  private static Set<Integer> difference(Set<Integer> a, Set<Integer> b) {
    Set<Integer> out = new HashSet<>(a);
    out.removeAll(b);
    return out;
  }

  @Test
  void restart_portTakenWhileStopped_throwsNamingPortThenRecovers() throws Exception {
    InfluxServer server = INFLUX.server();
    server.stop();
    try (ServerSocket squatter = new ServerSocket()) {
      squatter.setReuseAddress(true);
      squatter.bind(new InetSocketAddress(LOOPBACK, server.port()));
      ServerStartException e = assertThrows(ServerStartException.class, server::restart);
      assertTrue(e.getMessage().startsWith("influxd could not bind 127.0.0.1:" + server.port() + " or its RPC port "
          + server.rpcPort() + " again: another process took it while influxd was stopped"), e.getMessage());
      assertFalse(server.isRunning());
    }
    server.restart();
    assertTrue(server.isRunning());
  }

  @Test
  void close_afterStop_deletesDirectoryAndRefusesRestart() {
    InfluxServer server = InfluxServer.builder().https(false).start();
    Path dir = server.tempDir();
    long pid = server.pid();
    server.stop();
    server.stop(); // idempotent while stopped

    server.close();

    assertFalse(Files.exists(dir), dir + " still exists");
    Optional<ProcessHandle> after = ProcessHandle.of(pid);
    assertFalse(after.isPresent() && after.get().isAlive(), "influxd pid " + pid + " still alive");
    IllegalStateException e = assertThrows(IllegalStateException.class, server::restart);
    assertTrue(e.getMessage().endsWith("is closed: restart() needs an open server"), e.getMessage());
    assertThrows(IllegalStateException.class, server::stop);
  }
}
