package dev.secureinflux.benchmarks;

import dev.secureinflux.testkit.InfluxServer;
import dev.secureinflux.testkit.MtlsProxy;
import dev.secureinflux.testkit.TestCertificate;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The servers, all on 127.0.0.1 through the testkit: nginx stubs answering at once (TLS, and mutual TLS), the same
 * closing every connection after one request, the real {@code influxd} over HTTPS, and the nginx mutual-TLS proxy
 * in front of it. Each comes with the {@link Endpoint} both clients use.
 */
final class Servers implements AutoCloseable {
  /** A server and how clients reach it. */
  record Server(Endpoint endpoint, MtlsProxy nginx) {}

  /** Far more than any run sends on one connection: nginx never closes a connection the client keeps. */
  private static final int KEEP_OPEN = 100_000_000;
  private static final String STUB_USER = "bench";
  private static final char[] STUB_PASSWORD = "bench-password-not-checked".toCharArray();

  private final List<AutoCloseable> open = new ArrayList<>();
  private final Path dir;
  Server stubTls;
  Server stubMtls;
  Server closingTls;
  Server closingMtls;
  Server influxd;
  Server proxy;

  private Servers() throws IOException {
    dir = Files.createTempDirectory("secureinflux-bench-servers");
  }

  /** Starts the stubs, the closing stubs if {@code closing}, and influxd and its proxy if {@code influx}. */
  static Servers start(boolean closing, boolean influx) throws IOException {
    Servers servers = new Servers();
    try {
      servers.stubTls = servers.stub("nginx stub, TLS", MtlsProxy.ClientAuth.NONE, KEEP_OPEN);
      servers.stubMtls = servers.stub("nginx stub, mutual TLS", MtlsProxy.ClientAuth.REQUIRED, KEEP_OPEN);
      if (closing) {
        servers.closingTls = servers.stub("nginx stub, TLS, 1 request per connection", MtlsProxy.ClientAuth.NONE, 1);
        servers.closingMtls = servers.stub("nginx stub, mutual TLS, 1 request per connection",
            MtlsProxy.ClientAuth.REQUIRED, 1);
      }
      if (influx) {
        InfluxServer server = servers.keep(InfluxServer.start());
        server.query("CREATE DATABASE " + Workload.DATABASE);
        server.write(Workload.DATABASE, Workload.ONE_ROW_POINT);
        servers.influxd = new Server(new Endpoint("influxd, HTTPS", server.url(), server.adminUser(),
            server.adminPassword(), server.caPem(), null, null), null);
        MtlsProxy nginx = servers.keep(MtlsProxy.builder().upstream(server).keepaliveRequests(KEEP_OPEN).start());
        servers.proxy = servers.withClientCertificate("nginx mutual-TLS proxy -> influxd", nginx,
            server.adminUser(), server.adminPassword());
      }
      return servers;
    } catch (RuntimeException | Error e) {
      servers.close();
      throw e;
    }
  }

  /** The servers the throughput and latency figures run on, in report order. */
  List<Server> measured() {
    return Stream.of(stubTls, stubMtls, influxd, proxy).filter(s -> s != null).toList();
  }

  private Server stub(String name, MtlsProxy.ClientAuth clientAuth, int keepaliveRequests) {
    MtlsProxy nginx = keep(MtlsProxy.builder().stub().clientAuth(clientAuth).keepaliveRequests(keepaliveRequests)
        .start());
    if (clientAuth == MtlsProxy.ClientAuth.NONE) {
      return new Server(new Endpoint(name, nginx.url(), STUB_USER, STUB_PASSWORD, nginx.serverCaPem(), null, null),
          nginx);
    }
    return withClientCertificate(name, nginx, STUB_USER, STUB_PASSWORD);
  }

  /** An endpoint with a new EC P-256 client certificate from {@code nginx}'s client CA, as PEM chain and PKCS#8. */
  private Server withClientCertificate(String name, MtlsProxy nginx, String user, char[] password) {
    TestCertificate client = nginx.newClientCertificate("bench client");
    String prefix = "client-" + nginx.port();
    Path chain = client.writeChainPem(dir.resolve(prefix + ".pem"));
    Path key = client.writePrivateKeyPem(dir.resolve(prefix + "-key.pem"));
    return new Server(new Endpoint(name, nginx.url(), user, password, nginx.serverCaPem(), chain, key), nginx);
  }

  private <T extends AutoCloseable> T keep(T server) {
    open.add(server);
    return server;
  }

  @Override
  public void close() {
    for (int i = open.size() - 1; i >= 0; i--) {
      try {
        open.get(i).close();
      } catch (Exception e) {
        System.err.println("closing " + open.get(i) + " failed: " + e);
      }
    }
    deleteTree(dir);
  }

  static void deleteTree(Path root) {
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      System.err.println("cannot delete " + root + ": " + e);
    }
  }
}
