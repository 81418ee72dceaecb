package dev.secureinflux.auth;

import static dev.secureinflux.auth.CredentialsTest.basicOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EnvironmentCredentialsTest {
  private static final SecretAccess ACCESS = InsecureSecretAccess.get();

  @TempDir
  Path dir;

  private static CredentialSourceException refused(Map<String, String> env) {
    return assertThrows(CredentialSourceException.class, () -> Credentials.fromEnvironment(env));
  }

  @Test
  void fromEnvironment_usernameAndPassword_isBasic() {
    Credentials c = Credentials.fromEnvironment(Map.of("INFLUX_USERNAME", "alice", "INFLUX_PASSWORD", "pw"));
    assertEquals(basicOf("alice:pw"), c.authorizationHeader(ACCESS));
  }

  @Test
  void fromEnvironment_usernameAndPasswordFile_isBasicFromFile() throws IOException {
    Path file = FileCredentialsTest.secretFile(dir, "pw", "from-file\n");
    Credentials c = Credentials.fromEnvironment(
        Map.of("INFLUX_USERNAME", "alice", "INFLUX_PASSWORD_FILE", file.toString()));
    assertEquals(basicOf("alice:from-file"), c.authorizationHeader(ACCESS));
  }

  @Test
  void fromEnvironment_token_isToken() {
    Credentials c = Credentials.fromEnvironment(Map.of("INFLUX_TOKEN", "tok"));
    assertEquals("Token tok", c.authorizationHeader(ACCESS));
  }

  @Test
  void fromEnvironment_tokenFile_isToken() throws IOException {
    Path file = FileCredentialsTest.secretFile(dir, "t", "tokf\n");
    Credentials c = Credentials.fromEnvironment(Map.of("INFLUX_TOKEN_FILE", file.toString()));
    assertEquals("Token tokf", c.authorizationHeader(ACCESS));
  }

  @Test
  void fromEnvironment_sharedSecretFile_isJwtWithLifetime() throws IOException {
    Path file = FileCredentialsTest.secretFile(dir, "s", "0123456789abcdef0123456789abcdef\n");
    Credentials c = Credentials.fromEnvironment(Map.of("INFLUX_USERNAME", "alice",
        "INFLUX_SHARED_SECRET_FILE", file.toString(), "INFLUX_JWT_LIFETIME", "PT30M"));
    assertTrue(c.authorizationHeader(ACCESS).startsWith("Bearer "));
    assertEquals(Optional.of("alice"), c.user());
    assertTrue(c.toString().contains("lifetime=PT30M"), c.toString());
  }

  @Test
  void fromEnvironment_jwtLifetimeSeconds_andDefault() throws IOException {
    Path file = FileCredentialsTest.secretFile(dir, "s", "0123456789abcdef0123456789abcdef");
    Credentials seconds = Credentials.fromEnvironment(Map.of("INFLUX_USERNAME", "alice",
        "INFLUX_SHARED_SECRET_FILE", file.toString(), "INFLUX_JWT_LIFETIME", "120"));
    assertTrue(seconds.toString().contains("lifetime=PT2M"), seconds.toString());
    Credentials byDefault = Credentials.fromEnvironment(Map.of("INFLUX_USERNAME", "alice",
        "INFLUX_SHARED_SECRET_FILE", file.toString()));
    assertTrue(byDefault.toString().contains("lifetime=PT15M"), byDefault.toString());
  }

  @Test
  void fromEnvironment_nothingSet_namesTheConvention() {
    CredentialSourceException e = refused(Map.of("PATH", "/bin"));
    assertTrue(e.getMessage().startsWith("no InfluxDB credentials in the environment: set INFLUX_USERNAME with"
        + " INFLUX_PASSWORD or INFLUX_PASSWORD_FILE, or INFLUX_TOKEN or INFLUX_TOKEN_FILE"), e.getMessage());
  }

  @Test
  void fromEnvironment_usernameOnly_namesMissingVariables() {
    CredentialSourceException e = refused(Map.of("INFLUX_USERNAME", "alice"));
    assertTrue(e.getMessage().contains("INFLUX_USERNAME is set but INFLUX_PASSWORD, INFLUX_PASSWORD_FILE and"
        + " INFLUX_SHARED_SECRET_FILE are all missing"), e.getMessage());
  }

  @Test
  void fromEnvironment_passwordWithoutUsername_namesUsername() {
    CredentialSourceException e = refused(Map.of("INFLUX_PASSWORD", "pw-value"));
    assertTrue(e.getMessage().contains("INFLUX_PASSWORD is set but INFLUX_USERNAME is missing"), e.getMessage());
    assertFalse(e.getMessage().contains("pw-value"));
  }

  @Test
  void fromEnvironment_passwordAndPasswordFile_namesBoth() {
    CredentialSourceException e = refused(Map.of("INFLUX_USERNAME", "alice", "INFLUX_PASSWORD", "pw-value",
        "INFLUX_PASSWORD_FILE", "/run/secrets/pw"));
    assertTrue(e.getMessage().contains("conflicting credential variables are set: INFLUX_PASSWORD,"
        + " INFLUX_PASSWORD_FILE"), e.getMessage());
    assertFalse(e.getMessage().contains("pw-value"));
  }

  @Test
  void fromEnvironment_tokenAndPassword_namesBoth() {
    CredentialSourceException e = refused(Map.of("INFLUX_USERNAME", "alice", "INFLUX_PASSWORD", "pw",
        "INFLUX_TOKEN", "tok"));
    assertTrue(e.getMessage().contains("INFLUX_PASSWORD, INFLUX_TOKEN"), e.getMessage());
  }

  @Test
  void fromEnvironment_tokenAndTokenFile_namesBoth() {
    CredentialSourceException e = refused(Map.of("INFLUX_TOKEN", "tok", "INFLUX_TOKEN_FILE", "/t"));
    assertTrue(e.getMessage().contains("INFLUX_TOKEN, INFLUX_TOKEN_FILE"), e.getMessage());
  }

  @Test
  void fromEnvironment_tokenWithUsername_refused() {
    CredentialSourceException e = refused(Map.of("INFLUX_USERNAME", "alice", "INFLUX_TOKEN", "tok"));
    assertTrue(e.getMessage().contains("INFLUX_USERNAME and INFLUX_TOKEN are set together"), e.getMessage());
  }

  @Test
  void fromEnvironment_lifetimeWithoutSecretFile_refused() {
    CredentialSourceException e = refused(Map.of("INFLUX_USERNAME", "alice", "INFLUX_PASSWORD", "pw",
        "INFLUX_JWT_LIFETIME", "PT5M"));
    assertTrue(e.getMessage().contains("INFLUX_JWT_LIFETIME is set but INFLUX_SHARED_SECRET_FILE is not"),
        e.getMessage());
  }

  @Test
  void fromEnvironment_badLifetime_refused() throws IOException {
    Path file = FileCredentialsTest.secretFile(dir, "s", "0123456789abcdef0123456789abcdef");
    CredentialSourceException e = refused(Map.of("INFLUX_USERNAME", "alice",
        "INFLUX_SHARED_SECRET_FILE", file.toString(), "INFLUX_JWT_LIFETIME", "soon"));
    assertTrue(e.getMessage().contains("INFLUX_JWT_LIFETIME is not a duration: soon"), e.getMessage());
    CredentialSourceException tooLong = refused(Map.of("INFLUX_USERNAME", "alice",
        "INFLUX_SHARED_SECRET_FILE", file.toString(), "INFLUX_JWT_LIFETIME", "P7D"));
    assertTrue(tooLong.getMessage().contains("INFLUX_JWT_LIFETIME is out of range"), tooLong.getMessage());
  }

  @Test
  void fromEnvironment_sharedSecretValue_refusedInFavourOfFile() {
    CredentialSourceException e = refused(Map.of("INFLUX_USERNAME", "alice", "INFLUX_SHARED_SECRET", "x"));
    assertTrue(e.getMessage().contains("INFLUX_SHARED_SECRET is not supported")
        && e.getMessage().contains("INFLUX_SHARED_SECRET_FILE"), e.getMessage());
  }

  @Test
  void fromEnvironment_emptyVariable_refusedByName() {
    CredentialSourceException e = refused(Map.of("INFLUX_USERNAME", "alice", "INFLUX_PASSWORD", ""));
    assertTrue(e.getMessage().contains("INFLUX_PASSWORD is set but empty"), e.getMessage());
  }

  @Test
  void fromEnvironment_blankPassword_namesVariable() {
    CredentialSourceException e = refused(Map.of("INFLUX_USERNAME", "alice", "INFLUX_PASSWORD", "   "));
    assertTrue(e.getMessage().contains("INFLUX_PASSWORD is unusable: password is blank"), e.getMessage());
  }

  @Test
  void fromEnvironment_passwordFileMissing_namesFile() {
    CredentialSourceException e = refused(Map.of("INFLUX_USERNAME", "alice",
        "INFLUX_PASSWORD_FILE", dir.resolve("missing").toString()));
    assertTrue(e.getMessage().contains("password file " + dir.resolve("missing") + " does not exist"),
        e.getMessage());
  }

  @Test
  void fromEnvironment_usernameHoldingPassword_refusalShowsNoPassword() throws IOException {
    Path file = FileCredentialsTest.secretFile(dir, "pw", "pw\n");
    for (Map<String, String> env : List.of(
        Map.of("INFLUX_USERNAME", "app:hunter2-Secret", "INFLUX_PASSWORD", "pw"),
        Map.of("INFLUX_USERNAME", "app:hunter2-Secret", "INFLUX_PASSWORD_FILE", file.toString()))) {
      CredentialSourceException e = refused(env);
      assertTrue(e.getMessage().contains("user name \"app\" is followed by ':'"), e.getMessage());
      for (Throwable t = e; t != null; t = t.getCause()) {
        assertFalse(String.valueOf(t.getMessage()).contains("hunter2"), t.toString());
      }
    }
  }

  @Test
  void fromEnvironment_usernameHoldingPassword_refusalNamesUsernameNotPasswordVariable() throws IOException {
    Path file = FileCredentialsTest.secretFile(dir, "pw", "pw\n");
    for (Map<String, String> env : List.of(
        Map.of("INFLUX_USERNAME", "admin:hunter2", "INFLUX_PASSWORD", "pw"),
        Map.of("INFLUX_USERNAME", "admin:hunter2", "INFLUX_PASSWORD_FILE", file.toString()))) {
      CredentialSourceException e = refused(env);
      assertTrue(e.getMessage().startsWith("INFLUX_USERNAME is unusable: user name \"admin\" is followed by ':'"),
          e.getMessage());
      assertFalse(e.getMessage().contains("INFLUX_PASSWORD"), e.getMessage());
      assertFalse(e.getMessage().contains("hunter2"), e.getMessage());
    }
  }

  @Test
  void fromEnvironment_blankUsernameWithSharedSecretFile_refusalNamesUsername() throws IOException {
    Path file = FileCredentialsTest.secretFile(dir, "s", "0123456789abcdef0123456789abcdef\n");
    CredentialSourceException e = refused(Map.of("INFLUX_USERNAME", " ", "INFLUX_SHARED_SECRET_FILE",
        file.toString()));
    assertEquals("INFLUX_USERNAME is unusable: user is blank: give the InfluxDB user name for the JWT username "
        + "claim", e.getMessage());
  }

  @Test
  void fromEnvironment_tokenFileWithNonVisibleCharacter_isSourceException() throws IOException {
    Path file = FileCredentialsTest.secretFile(dir, "token", "tok en-Secret\n");
    CredentialSourceException e = refused(Map.of("INFLUX_TOKEN_FILE", file.toString()));
    assertTrue(e.getMessage().contains("token file " + file + " holds a character at index 3"), e.getMessage());
    assertFalse(e.getMessage().contains("en-Secret"), e.getMessage());
  }

  @Test
  void fromEnvironment_blankUsernameWithFile_isSourceException() throws IOException {
    Path file = FileCredentialsTest.secretFile(dir, "pw", "pw\n");
    CredentialSourceException e = refused(Map.of("INFLUX_USERNAME", " ", "INFLUX_PASSWORD_FILE", file.toString()));
    assertEquals("INFLUX_USERNAME is unusable: user is blank: give the InfluxDB user name", e.getMessage());
  }
}
