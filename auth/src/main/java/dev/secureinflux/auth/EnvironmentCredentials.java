package dev.secureinflux.auth;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/** The environment convention of {@link Credentials#fromEnvironment(Map)}. */
final class EnvironmentCredentials {
  static final String USERNAME = "INFLUX_USERNAME";
  static final String PASSWORD = "INFLUX_PASSWORD";
  static final String PASSWORD_FILE = "INFLUX_PASSWORD_FILE";
  static final String TOKEN = "INFLUX_TOKEN";
  static final String TOKEN_FILE = "INFLUX_TOKEN_FILE";
  static final String SHARED_SECRET_FILE = "INFLUX_SHARED_SECRET_FILE";
  static final String JWT_LIFETIME = "INFLUX_JWT_LIFETIME";
  /** Not supported on purpose: a shared secret belongs in a file, not in every child's environment. */
  static final String SHARED_SECRET = "INFLUX_SHARED_SECRET";
  static final Duration DEFAULT_JWT_LIFETIME = Duration.ofMinutes(15);

  private static final String HOW = "set " + USERNAME + " with " + PASSWORD + " or " + PASSWORD_FILE + ", or "
      + TOKEN + " or " + TOKEN_FILE + ", or " + USERNAME + " with " + SHARED_SECRET_FILE;

  private EnvironmentCredentials() {}

  static Credentials from(Map<String, String> env) {
    try {
      return parse(env);
    } catch (IllegalArgumentException e) {
      throw new CredentialSourceException("credentials from the environment are unusable: " + e.getMessage(), e);
    }
  }

  private static Credentials parse(Map<String, String> env) {
    if (env.containsKey(SHARED_SECRET)) {
      throw new CredentialSourceException(SHARED_SECRET + " is not supported: put the shared secret in a file"
          + " with mode 600 and set " + SHARED_SECRET_FILE + " to its path");
    }
    List<String> kinds = new ArrayList<>();
    List<String> set = new ArrayList<>();
    if (present(env, PASSWORD) || present(env, PASSWORD_FILE)) {
      kinds.add("basic");
    }
    if (present(env, TOKEN) || present(env, TOKEN_FILE)) {
      kinds.add("token");
    }
    if (present(env, SHARED_SECRET_FILE)) {
      kinds.add("jwt");
    }
    for (String name : List.of(PASSWORD, PASSWORD_FILE, TOKEN, TOKEN_FILE, SHARED_SECRET_FILE)) {
      if (present(env, name)) {
        set.add(name);
      }
    }
    if (set.isEmpty()) {
      if (present(env, USERNAME)) {
        throw new CredentialSourceException(USERNAME + " is set but " + PASSWORD + ", " + PASSWORD_FILE + " and "
            + SHARED_SECRET_FILE + " are all missing: set one of them");
      }
      throw new CredentialSourceException("no InfluxDB credentials in the environment: " + HOW);
    }
    if (set.size() > 1) {
      throw new CredentialSourceException("conflicting credential variables are set: " + String.join(", ", set)
          + "; set exactly one of them (" + HOW + ")");
    }
    if (present(env, JWT_LIFETIME) && !kinds.contains("jwt")) {
      throw new CredentialSourceException(JWT_LIFETIME + " is set but " + SHARED_SECRET_FILE
          + " is not: remove " + JWT_LIFETIME + " or set " + SHARED_SECRET_FILE);
    }
    String only = set.get(0);
    String value = env.get(only);
    switch (kinds.get(0)) {
      case "token":
        if (present(env, USERNAME)) {
          throw new CredentialSourceException(USERNAME + " and " + only + " are set together: a token carries"
              + " its own identity; unset " + USERNAME);
        }
        return only.equals(TOKEN) ? fromValue(chars -> Credentials.token(chars), value, only)
            : Credentials.tokenFromFile(path(only, value));
      case "basic": {
        String user = username(env, only, BasicCredentials::checkUser);
        return only.equals(PASSWORD) ? fromValue(chars -> Credentials.basic(user, chars), value, only)
            : Credentials.basicFromFile(user, path(only, value));
      }
      default: {
        String user = username(env, only, JwtCredentials::checkUser);
        return Credentials.jwtFromFile(user, path(only, value), lifetime(env));
      }
    }
  }

  private static boolean present(Map<String, String> env, String name) {
    String value = env.get(name);
    if (value == null) {
      return false;
    }
    if (value.isEmpty()) {
      throw new CredentialSourceException(name + " is set but empty: give it a value or unset it");
    }
    return true;
  }

  /**
   * {@code INFLUX_USERNAME}, checked by {@code check} before the secret is read, so that a refusal names this
   * variable (not the password's): {@code admin:hunter2} is a user name holding a password, not a bad password.
   */
  private static String username(Map<String, String> env, String with, UnaryOperator<String> check) {
    if (!present(env, USERNAME)) {
      throw new CredentialSourceException(with + " is set but " + USERNAME + " is missing: set " + USERNAME
          + " to the InfluxDB user name");
    }
    try {
      return check.apply(env.get(USERNAME));
    } catch (IllegalArgumentException e) {
      // The message shows nothing after a ':' (BasicCredentials.checkUser).
      throw new CredentialSourceException(USERNAME + " is unusable: " + e.getMessage(), e);
    }
  }

  private static Path path(String name, String value) {
    try {
      return Path.of(value);
    } catch (InvalidPathException e) {
      throw new CredentialSourceException(name + " is not a valid path: " + e.getReason(), e);
    }
  }

  private static Duration lifetime(Map<String, String> env) {
    if (!present(env, JWT_LIFETIME)) {
      return DEFAULT_JWT_LIFETIME;
    }
    String text = env.get(JWT_LIFETIME).trim();
    try {
      Duration lifetime = text.chars().allMatch(Character::isDigit) ? Duration.ofSeconds(Long.parseLong(text))
          : Duration.parse(text);
      return JwtCredentials.checkLifetime(lifetime);
    } catch (IllegalArgumentException e) {
      throw new CredentialSourceException(JWT_LIFETIME + " is out of range: " + e.getMessage());
    } catch (DateTimeParseException e) {
      throw new CredentialSourceException(JWT_LIFETIME + " is not a duration: " + text
          + "; use ISO-8601 such as PT15M, or a number of seconds");
    }
  }

  private static Credentials fromValue(Function<char[], Credentials> build, String value, String name) {
    char[] chars = value.toCharArray();
    try {
      return build.apply(chars);
    } catch (IllegalArgumentException e) {
      // The message names only the kind of value; say which variable held it.
      throw new CredentialSourceException(name + " is unusable: " + e.getMessage(), e);
    } finally {
      Arrays.fill(chars, '\0');
    }
  }
}
