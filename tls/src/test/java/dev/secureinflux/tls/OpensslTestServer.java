package dev.secureinflux.tls;

import static org.junit.jupiter.api.Assertions.fail;

import dev.secureinflux.testkit.TestCertificate;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code openssl s_server} on 127.0.0.1 and a free port, for protocol and cipher cases the JDK will not serve
 * in-JVM. Started with the given extra arguments; {@link #close()} stops it. Test helper.
 */
final class OpensslTestServer implements AutoCloseable {
  private final Process process;
  private final int port;
  private final Path log;

  private OpensslTestServer(Process process, int port, Path log) {
    this.process = process;
    this.port = port;
    this.log = log;
  }

  /** Serves {@code identity}'s chain from files in {@code dir}, with {@code args} such as {@code -tls1_1}. */
  static OpensslTestServer start(Path dir, TestCertificate identity, String... args) throws Exception {
    Path cert = identity.writeChainPem(dir.resolve("server-chain.pem"));
    Path key = identity.writePrivateKeyPem(dir.resolve("server-key.pem"));
    Path log = Files.createTempFile(dir, "s_server", ".log");
    int port = freeLoopbackPort();
    List<String> command = new ArrayList<>(List.of("/usr/bin/openssl", "s_server", "-accept", "127.0.0.1:" + port,
        "-cert", cert.toString(), "-key", key.toString()));
    command.addAll(List.of(args));
    Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    OpensslTestServer server = new OpensslTestServer(p, port, log);
    server.awaitAccept();
    return server;
  }

  int port() {
    return port;
  }

  /** What s_server printed so far (its view of the handshake). */
  String output() throws IOException {
    return Files.readString(log, StandardCharsets.UTF_8);
  }

  private void awaitAccept() throws Exception {
    // s_server prints ACCEPT once it listens; give up (and fail with its output) if it exits first.
    for (int i = 0; i < 400; i++) {
      if (output().contains("ACCEPT")) {
        return;
      }
      if (!process.isAlive()) {
        fail("openssl s_server exited with " + process.exitValue() + ": " + output());
      }
      Thread.sleep(50);
    }
    close();
    fail("openssl s_server did not start listening on 127.0.0.1:" + port + ": " + output());
  }

  private static int freeLoopbackPort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      return s.getLocalPort();
    }
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    process.waitFor();
  }
}
