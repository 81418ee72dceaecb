package dev.secureinflux.testkit.internal;

import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** One JVM shutdown hook that closes every server still registered, so a crashed run leaves no orphan process. */
public final class Reaper {
  private static final Set<AutoCloseable> LIVE = ConcurrentHashMap.newKeySet();

  static {
    Runtime.getRuntime().addShutdownHook(new Thread(Reaper::closeAll, "secureinflux-testkit-reaper"));
  }

  private Reaper() {}

  /** Closes {@code resource} at JVM exit unless it was {@link #unregister unregistered} first. */
  public static void register(AutoCloseable resource) {
    LIVE.add(Objects.requireNonNull(resource, "resource == null"));
  }

  /** Forgets {@code resource} (it was closed normally). */
  public static void unregister(AutoCloseable resource) {
    LIVE.remove(resource);
  }

  private static void closeAll() {
    for (AutoCloseable resource : List.copyOf(LIVE)) {
      try {
        resource.close();
      } catch (Exception | Error e) {
        System.err.println("secureinflux testkit: cannot close " + resource + " at exit: " + e);
      }
    }
  }
}
