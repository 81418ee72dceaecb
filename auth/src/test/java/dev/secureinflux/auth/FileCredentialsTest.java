package dev.secureinflux.auth;

import static dev.secureinflux.auth.CredentialsTest.basicOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileCredentialsTest {
  private static final SecretAccess ACCESS = InsecureSecretAccess.get();

  @TempDir
  Path dir;

  static Path secretFile(Path dir, String name, byte[] content) throws IOException {
    Path file = dir.resolve(name);
    Files.write(file, content);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    return file;
  }

  static Path secretFile(Path dir, String name, String content) throws IOException {
    return secretFile(dir, name, content.getBytes(StandardCharsets.UTF_8));
  }

  /** Rewrites the file and moves its mtime forward, as a rotation does. */
  static void rotate(Path file, String content) throws IOException {
    FileTime before = Files.getLastModifiedTime(file);
    Files.writeString(file, content);
    Files.setLastModifiedTime(file, FileTime.from(before.toInstant().plusSeconds(5)));
  }

  @Test
  void tokenFromFile_nonVisibleCharacter_throwsCredentialSourceExceptionAsDocumented() throws IOException {
    for (String token : List.of("tok en-Secret\n", "tok\ten-Secret", "tök-en-Secret")) {
      Path file = secretFile(dir, "token-" + token.hashCode(), token);
      CredentialSourceException e = assertThrows(CredentialSourceException.class,
          () -> Credentials.tokenFromFile(file));
      assertTrue(e.getMessage().contains("token file " + file + " holds a character at index "), e.getMessage());
      assertTrue(e.getMessage().contains("cannot travel in an HTTP header"), e.getMessage());
      assertFalse(e.getMessage().contains("en-Secret"), e.getMessage());
    }
  }

  @Test
  void tokenFromFile_rotatedToNonVisibleCharacter_authorizationHeaderThrowsCredentialSourceException()
      throws IOException {
    Path file = secretFile(dir, "token", "tok1\n");
    Credentials credentials = Credentials.tokenFromFile(file);
    rotate(file, "tok 2-Secret\n");
    CredentialSourceException e = assertThrows(CredentialSourceException.class,
        () -> credentials.authorizationHeader(ACCESS));
    assertTrue(e.getMessage().contains("index 3"), e.getMessage());
    assertFalse(e.getMessage().contains("2-Secret"), e.getMessage());
  }

  @Test
  void basicFromFile_trailingNewline_isTrimmed() throws IOException {
    Path file = secretFile(dir, "pw", "pässwort\r\n");
    assertEquals(basicOf("alice:pässwort"), Credentials.basicFromFile("alice", file).authorizationHeader(ACCESS));
  }

  @Test
  void basicFromFile_innerAndLeadingSpaces_areKept() throws IOException {
    Path file = secretFile(dir, "pw", " a b \n");
    assertEquals(basicOf("alice: a b "), Credentials.basicFromFile("alice", file).authorizationHeader(ACCESS));
  }

  @Test
  void basicFromFile_fileChanged_isReread() throws IOException {
    Path file = secretFile(dir, "pw", "first\n");
    Credentials credentials = Credentials.basicFromFile("alice", file);
    assertEquals(basicOf("alice:first"), credentials.authorizationHeader(ACCESS));
    rotate(file, "second\n");
    assertEquals(basicOf("alice:second"), credentials.authorizationHeader(ACCESS));
  }

  @Test
  void basicFromFile_groupReadable_throwsWithChmod() throws IOException {
    Path file = secretFile(dir, "pw", "secret-content\n");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
    CredentialSourceException e = assertThrows(CredentialSourceException.class,
        () -> Credentials.basicFromFile("alice", file));
    assertTrue(e.getMessage().contains("readable by group or others (rw-r--r--)")
        && e.getMessage().contains("chmod 600 " + file), e.getMessage());
    assertFalse(e.getMessage().contains("secret-content"), e.getMessage());
  }

  @Test
  void basicFromFile_becomesGroupReadableLater_throwsOnNextUse() throws IOException {
    Path file = secretFile(dir, "pw", "pw\n");
    Credentials credentials = Credentials.basicFromFile("alice", file);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r-----"));
    CredentialSourceException e = assertThrows(CredentialSourceException.class,
        () -> credentials.authorizationHeader(ACCESS));
    assertTrue(e.getMessage().contains("readable by group or others"), e.getMessage());
  }

  @Test
  void basicFromFile_missing_throwsNamingFile() {
    Path file = dir.resolve("nope");
    CredentialSourceException e = assertThrows(CredentialSourceException.class,
        () -> Credentials.basicFromFile("alice", file));
    assertEquals("password file " + file + " does not exist: create it or fix the path", e.getMessage());
  }

  @Test
  void basicFromFile_directory_throwsNotRegularFile() throws IOException {
    Path file = Files.createDirectory(dir.resolve("pw.d"));
    CredentialSourceException e = assertThrows(CredentialSourceException.class,
        () -> Credentials.basicFromFile("alice", file));
    assertEquals("password file " + file + " is not a regular file: point to the file holding the password",
        e.getMessage());
  }

  @Test
  void basicFromFile_onlyNewline_throwsEmpty() throws IOException {
    Path file = secretFile(dir, "pw", "\n");
    CredentialSourceException e = assertThrows(CredentialSourceException.class,
        () -> Credentials.basicFromFile("alice", file));
    assertTrue(e.getMessage().contains("is empty or blank"), e.getMessage());
  }

  @Test
  void basicFromFile_notUtf8_throws() throws IOException {
    Path file = secretFile(dir, "pw", new byte[] {'a', (byte) 0xff, 'b'});
    CredentialSourceException e = assertThrows(CredentialSourceException.class,
        () -> Credentials.basicFromFile("alice", file));
    assertTrue(e.getMessage().contains("is not valid UTF-8"), e.getMessage());
  }

  @Test
  void basicFromFile_removedLater_throwsOnNextUse() throws IOException {
    Path file = secretFile(dir, "pw", "pw\n");
    Credentials credentials = Credentials.basicFromFile("alice", file);
    Files.delete(file);
    CredentialSourceException e = assertThrows(CredentialSourceException.class,
        () -> credentials.authorizationHeader(ACCESS));
    assertTrue(e.getMessage().contains("does not exist"), e.getMessage());
  }

  @Test
  void tokenFromFile_changed_isReread() throws IOException {
    Path file = secretFile(dir, "token", "tok1\n");
    Credentials credentials = Credentials.tokenFromFile(file);
    assertEquals("Token tok1", credentials.authorizationHeader(ACCESS));
    rotate(file, "tok2");
    assertEquals("Token tok2", credentials.authorizationHeader(ACCESS));
  }

  @Test
  void jwtFromFile_secretRotated_mintsWithNewSecret() throws IOException {
    Path file = secretFile(dir, "secret", "0123456789abcdef0123456789abcdef\n");
    JwtCredentialsTest.MutableClock clock = new JwtCredentialsTest.MutableClock(Instant.ofEpochSecond(42));
    Credentials credentials = Credentials.jwtFromFile("alice", file, Duration.ofMinutes(5), clock);
    String first = credentials.authorizationHeader(ACCESS);
    assertEquals(first, credentials.authorizationHeader(ACCESS));
    rotate(file, "fedcba9876543210fedcba9876543210");
    String second = credentials.authorizationHeader(ACCESS);
    assertNotEquals(first, second);
    // same claims, other signature
    assertEquals(first.substring(0, first.lastIndexOf('.')), second.substring(0, second.lastIndexOf('.')));
  }

  @Test
  void jwtFromFile_weakSecretInFile_throwsWeak() throws IOException {
    Path file = secretFile(dir, "secret", "short\n");
    WeakSecretException e = assertThrows(WeakSecretException.class,
        () -> Credentials.jwtFromFile("alice", file, Duration.ofMinutes(5)));
    assertTrue(e.getMessage().contains("has 40 bits") && e.getMessage().contains(file.toString()), e.getMessage());
  }

  @Test
  void toString_fileCredentials_showPathNotContent() throws IOException {
    Path file = secretFile(dir, "pw", "file-secret\n");
    Credentials credentials = Credentials.basicFromFile("alice", file);
    assertEquals("Credentials.basic(user=alice, password file " + file + ")", credentials.toString());
  }

  @Test
  void basicFromFile_groupOrOthersWritable_throwsWithChmod() throws IOException {
    for (String mode : new String[] {"rw--w----", "rw-----w-", "rw--w--w-"}) {
      Path file = secretFile(dir, "pw-" + mode, "pw\n");
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(mode));
      CredentialSourceException e = assertThrows(CredentialSourceException.class,
          () -> Credentials.basicFromFile("alice", file), mode);
      assertEquals("password file " + file + " is writable by group or others (" + mode + "), so someone else"
          + " could replace the password: run chmod 600 " + file, e.getMessage());
    }
  }
}
