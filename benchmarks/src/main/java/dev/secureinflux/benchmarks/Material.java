package dev.secureinflux.benchmarks;

import dev.secureinflux.testkit.MtlsProxy;
import dev.secureinflux.testkit.TestCertificate;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Writes the CA and client key files of every {@link Identity} format for one mutual-TLS server into a new
 * directory: the server's CA, an EC P-256 client certificate (PEM chain; key as PKCS#8, encrypted PKCS#8 and SEC1,
 * and a PKCS#12 store) and an RSA 2048 one (key as PKCS#1). The encrypted, SEC1 and PKCS#1 keys are written by the
 * {@code openssl} command line, as users get them.
 */
final class Material {
  private Material() {}

  static Path write(MtlsProxy server) throws IOException, InterruptedException {
    Path dir = Files.createTempDirectory("secureinflux-bench-material");
    Files.copy(server.serverCaPem(), dir.resolve(Identity.CA));
    TestCertificate ec = server.newClientCertificate("bench client");
    ec.writeChainPem(dir.resolve(Identity.PKCS8.chain));
    ec.writePrivateKeyPem(dir.resolve(Identity.PKCS8.key));
    ec.writeKeyStore(dir.resolve(Identity.PKCS12.key), "PKCS12", "client", Identity.PASSPHRASE.clone(),
        Identity.PASSPHRASE.clone());
    TestCertificate rsa = server.newClientCertificate("bench rsa client", TestCertificate.KeyType.RSA_2048);
    rsa.writeChainPem(dir.resolve(Identity.PKCS1.chain));
    Path rsaPkcs8 = rsa.writePrivateKeyPem(dir.resolve("rsa-client-key-pkcs8.pem"));
    Path passphrase = dir.resolve("passphrase");
    Files.writeString(passphrase, new String(Identity.PASSPHRASE) + "\n", StandardCharsets.US_ASCII);
    Path pkcs8 = dir.resolve(Identity.PKCS8.key);
    openssl(dir, "pkcs8", "-topk8", "-v2", "aes-256-cbc", "-in", pkcs8.toString(), "-passout",
        "file:" + passphrase, "-out", dir.resolve(Identity.PKCS8_ENCRYPTED.key).toString());
    openssl(dir, "ec", "-in", pkcs8.toString(), "-out", dir.resolve(Identity.SEC1.key).toString());
    openssl(dir, "rsa", "-in", rsaPkcs8.toString(), "-traditional", "-out",
        dir.resolve(Identity.PKCS1.key).toString());
    expectHeader(dir.resolve(Identity.PKCS8_ENCRYPTED.key), "-----BEGIN ENCRYPTED PRIVATE KEY-----");
    expectHeader(dir.resolve(Identity.SEC1.key), "-----BEGIN EC PRIVATE KEY-----");
    expectHeader(dir.resolve(Identity.PKCS1.key), "-----BEGIN RSA PRIVATE KEY-----");
    return dir;
  }

  private static void openssl(Path dir, String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("openssl"));
    command.addAll(List.of(args));
    Process process;
    try {
      process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
    } catch (IOException e) {
      throw new IllegalStateException("openssl not found: install the Debian package openssl (apt-get install "
          + "openssl); the benchmark writes the encrypted, SEC1 and PKCS#1 keys with it", e);
    }
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
      throw new IllegalStateException("openssl " + args[0] + " failed: " + output);
    }
  }

  private static void expectHeader(Path file, String header) throws IOException {
    String text = Files.readString(file, StandardCharsets.US_ASCII);
    if (!text.startsWith(header)) {
      throw new IllegalStateException(file + " does not start with " + header);
    }
  }
}
