package dev.secureinflux.auth;

import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.Optional;
import java.util.Set;

/**
 * The base of every refusal and failure of the auth module: unchecked, one leaf per kind.
 *
 * <p>Messages name what was wrong (user, file, variable, origin) and how to fix it; they never contain a
 * password, token, shared secret or {@code Authorization} value.
 */
public class AuthException extends RuntimeException {
  /** Creates the exception with a message that must not contain secrets. */
  public AuthException(String message) {
    super(message);
  }

  /** Creates the exception with a message that must not contain secrets, and its cause. */
  public AuthException(String message, Throwable cause) {
    super(message, cause);
  }

  /**
   * The first {@link AuthException} found in {@code thrown}, its causes and suppressed exceptions (breadth
   * first, each throwable visited once), for example inside influxdb-java's {@code InfluxDBIOException} wrapping
   * an {@link AuthFailureIOException}; empty if there is none or {@code thrown} is {@code null}.
   */
  public static Optional<AuthException> unwrap(Throwable thrown) {
    Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    Deque<Throwable> queue = new ArrayDeque<>();
    if (thrown != null) {
      queue.add(thrown);
    }
    while (!queue.isEmpty()) {
      Throwable next = queue.remove();
      if (!seen.add(next)) {
        continue;
      }
      if (next instanceof AuthException) {
        return Optional.of((AuthException) next);
      }
      if (next.getCause() != null) {
        queue.add(next.getCause());
      }
      Collections.addAll(queue, next.getSuppressed());
    }
    return Optional.empty();
  }
}
