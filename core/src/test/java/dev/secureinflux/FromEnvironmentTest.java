package dev.secureinflux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.secureinflux.testkit.TestCertificate;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.influxdb.InfluxDB;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code SecureInflux.fromEnvironment(..)}: the INFLUX_* variables, their refusals, and a client built from them. */
class FromEnvironmentTest {
  private static final String PASSPHRASE = "key-Passphrase-7";
  private static final String PIN = "sha256/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=";

  @TempDir
  Path dir;

  private final Tripwire tripwire = new Tripwire();

  @AfterEach
  void noTrips() {
    assertEquals(List.of(), tripwire.trips);
  }

  private static Map<String, String> base(String url) {
    Map<String, String> env = new HashMap<>();
    env.put("INFLUX_URL", url);
    env.put("INFLUX_USERNAME", "app");
    env.put("INFLUX_PASSWORD", "hunter2-Env");
    return env;
  }

  @Test
  void fromEnvironment_urlUserDatabasePins_fillBuilder() {
    Map<String, String> env = base("https://influx.example.com:8086");
    env.put("INFLUX_DATABASE", "metrics");
    env.put("INFLUX_PINS", PIN + ", " + PIN.replace('A', 'B'));
    String shown = SecureInflux.fromEnvironment(env).toString();
    assertTrue(shown.contains("url=https://influx.example.com:8086"), shown);
    assertTrue(shown.contains("user=app"), shown);
    assertTrue(shown.contains("database=metrics"), shown);
    assertTrue(shown.contains("pins=2"), shown);
    assertFalse(shown.contains("hunter2"), shown);
  }

  @Test
  void fromEnvironment_properties_sameNames() {
    Properties properties = new Properties();
    base("http://localhost:8086").forEach(properties::setProperty);
    try (InfluxDB db = SecureInflux.fromEnvironment(properties).okHttpClient(tripwire.okHttpPlain()).build()) {
      assertTrue(db.toString().contains("http://localhost:8086"), db.toString());
    }
  }

  @Test
  void fromEnvironment_noUrl_buildThrowsMissingUrlNamingVariable() {
    Map<String, String> env = base("");
    MissingUrlException e = assertThrows(MissingUrlException.class, () -> SecureInflux.fromEnvironment(env).build());
    assertTrue(e.getMessage().contains("INFLUX_URL"), e.getMessage());
  }

  @Test
  void fromEnvironment_keyWithoutCertificate_throwsNamingBoth() {
    Map<String, String> env = base("https://influx.example.com");
    env.put("INFLUX_CLIENT_KEY_FILE", dir.resolve("client.key").toString());
    EnvironmentException e = assertThrows(EnvironmentException.class, () -> SecureInflux.fromEnvironment(env));
    assertTrue(e.getMessage().contains("INFLUX_CLIENT_CERT_FILE"), e.getMessage());
    assertTrue(e.getMessage().contains("INFLUX_CLIENT_KEY_FILE"), e.getMessage());
  }

  @Test
  void fromEnvironment_unreadablePassphraseFile_throwsNamingFile() {
    Map<String, String> env = base("https://influx.example.com");
    env.put("INFLUX_CLIENT_CERT_FILE", dir.resolve("client.pem").toString());
    env.put("INFLUX_CLIENT_KEY_PASSPHRASE_FILE", dir.resolve("missing.pass").toString());
    EnvironmentException e = assertThrows(EnvironmentException.class, () -> SecureInflux.fromEnvironment(env));
    assertTrue(e.getMessage().contains("missing.pass"), e.getMessage());
    assertTrue(e.getMessage().contains("INFLUX_CLIENT_KEY_PASSPHRASE_FILE"), e.getMessage());
  }

  private Map<String, String> encryptedIdentity(String passphraseMode) throws Exception {
    TestCertificate ca = TestCertificate.newRootCa("Env CA");
    TestCertificate client = TestCertificate.builder().issuer(ca).commonName("app").clientAuth().build();
    Map<String, String> env = base("https://influx.example.com:8086");
    env.put("INFLUX_CA_FILE", ca.writeCertificatePem(dir.resolve("ca.pem")).toString());
    env.put("INFLUX_CLIENT_CERT_FILE", client.writeChainPem(dir.resolve("client.pem")).toString());
    env.put("INFLUX_CLIENT_KEY_FILE", EncryptedKeys.writePkcs8(client, PASSPHRASE, dir.resolve("client.key"))
        .toString());
    Path passphrase = Files.writeString(dir.resolve("key.pass"), PASSPHRASE + "\n");
    Files.setPosixFilePermissions(passphrase, PosixFilePermissions.fromString(passphraseMode));
    env.put("INFLUX_CLIENT_KEY_PASSPHRASE_FILE", passphrase.toString());
    return env;
  }

  @ParameterizedTest
  @ValueSource(strings = {"rw-r--r--", "rw----r--", "rw-rw----", "rw-----w-"})
  void fromEnvironment_passphraseFileOpenToGroupOrOthers_throwsNamingVariableFileAndChmod(String mode)
      throws Exception {
    Map<String, String> env = encryptedIdentity(mode);
    EnvironmentException e = assertThrows(EnvironmentException.class, () -> SecureInflux.fromEnvironment(env));
    assertTrue(e.getMessage().contains("INFLUX_CLIENT_KEY_PASSPHRASE_FILE"), e.getMessage());
    assertTrue(e.getMessage().contains(dir.resolve("key.pass").toString()), e.getMessage());
    assertTrue(e.getMessage().contains("chmod 600 " + dir.resolve("key.pass")), e.getMessage());
    assertTrue(e.getMessage().contains("by group or others (" + mode + ")"), e.getMessage());
    assertFalse(e.getMessage().contains(PASSPHRASE), e.getMessage());
  }

  @Test
  void fromEnvironment_passphraseFileIsFifo_throwsWithoutBlocking() throws Exception {
    Map<String, String> env = encryptedIdentity("rw-------");
    Path pipe = dir.resolve("key.fifo");
    Process mkfifo = new ProcessBuilder("mkfifo", "-m", "600", pipe.toString()).redirectErrorStream(true).start();
    mkfifo.getInputStream().readAllBytes();
    assertEquals(0, mkfifo.waitFor(), "mkfifo failed");
    env.put("INFLUX_CLIENT_KEY_PASSPHRASE_FILE", pipe.toString());
    EnvironmentException e = org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(
        java.time.Duration.ofSeconds(20),
        () -> assertThrows(EnvironmentException.class, () -> SecureInflux.fromEnvironment(env)));
    assertTrue(e.getMessage().contains("INFLUX_CLIENT_KEY_PASSPHRASE_FILE " + pipe + " is not a regular file"),
        e.getMessage());
  }

  @Test
  void fromEnvironment_passphraseFileOwnerOnly_decryptsKeyAndBuilds() throws Exception {
    SecureInflux.Builder builder = SecureInflux.fromEnvironment(encryptedIdentity("rw-------"))
        .okHttpClient(tripwire.okHttp());
    assertTrue(builder.toString().contains("mutualTls=true"), builder.toString());
    try (InfluxDB db = builder.build()) { // TlsConfig decrypts the key here, with the passphrase from the file.
      assertEquals("SecureInflux{https://influx.example.com:8086, user=app}", db.toString());
    }
  }

  @Test
  void fromEnvironment_malformedPin_throwsInvalidPin() {
    Map<String, String> env = base("https://influx.example.com");
    env.put("INFLUX_PINS", PIN + ",sha1/abc");
    InvalidPinException e = assertThrows(InvalidPinException.class, () -> SecureInflux.fromEnvironment(env));
    assertTrue(e.getMessage().contains("sha1/abc"), e.getMessage());
  }

  @Test
  void fromEnvironment_caFileWithPlainHttp_buildThrowsTlsSettingsOnPlainHttp() {
    TestCertificate ca = TestCertificate.newRootCa("Env CA");
    Map<String, String> env = base("http://127.0.0.1:8086");
    env.put("INFLUX_CA_FILE", ca.writeCertificatePem(dir.resolve("ca.pem")).toString());
    assertThrows(TlsSettingsOnPlainHttpException.class,
        () -> SecureInflux.fromEnvironment(env).okHttpClient(tripwire.okHttpPlain()).build());
  }

  @Test
  void fromEnvironment_caAndClientPem_buildsHttpsClientWithoutConnecting() {
    TestCertificate ca = TestCertificate.newRootCa("Env CA");
    TestCertificate client = TestCertificate.builder().issuer(ca).commonName("app").clientAuth().build();
    Map<String, String> env = base("https://influx.example.com:8086");
    env.put("INFLUX_CA_FILE", ca.writeCertificatePem(dir.resolve("ca.pem")).toString());
    env.put("INFLUX_CLIENT_CERT_FILE", client.writeChainPem(dir.resolve("client.pem")).toString());
    env.put("INFLUX_CLIENT_KEY_FILE", client.writePrivateKeyPem(dir.resolve("client.key")).toString());
    SecureInflux.Builder builder = SecureInflux.fromEnvironment(env).okHttpClient(tripwire.okHttp());
    assertTrue(builder.toString().contains("mutualTls=true"), builder.toString());
    try (InfluxDB db = builder.build()) {
      assertEquals("SecureInflux{https://influx.example.com:8086, user=app}", db.toString());
    }
  }
}
