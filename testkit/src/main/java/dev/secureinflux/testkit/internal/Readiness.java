package dev.secureinflux.testkit.internal;

import dev.secureinflux.testkit.ServerStartException;
import java.time.Duration;
import java.util.Locale;
import java.util.function.Predicate;
import java.util.function.Supplier;

/** Waits until a freshly started server answers its probe, dies, or runs out of time. */
public final class Readiness {
  /** What became of the start. */
  public enum Outcome {
    /** The probe gave the expected answer. */
    READY,
    /** The process exited because a port was taken (the caller picks new ports and retries). */
    PORT_IN_USE
  }

  private static final int LOG_LINES = 30;

  private Readiness() {}

  /**
   * Polls {@code probe} every 100 ms until it returns {@code expected}.
   *
   * @param what what is probed, for messages, such as {@code GET https://localhost:1234/ping}
   * @throws ServerStartException if the process exits for another reason than a taken port, or the probe does
   *     not answer {@code expected} within {@code timeout} (the process is then stopped); both quote the log tail
   */
  public static Outcome await(ManagedProcess process, Supplier<String> probe, String expected, String what,
      java.nio.file.Path log, Duration timeout) {
    return await(process, probe, expected::equals, expected, what, log, timeout);
  }

  /**
   * Like {@link #await(ManagedProcess, Supplier, String, String, java.nio.file.Path, Duration)}, for any answer
   * {@code ready} accepts; {@code expected} describes it in messages.
   */
  public static Outcome await(ManagedProcess process, Supplier<String> probe, Predicate<String> ready,
      String expected, String what, java.nio.file.Path log, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    String last = "(not probed yet)";
    while (true) {
      if (!process.isAlive()) {
        String tail = ManagedProcess.tail(log, LOG_LINES);
        if (tail.toLowerCase(Locale.ROOT).contains("address already in use")) {
          return Outcome.PORT_IN_USE;
        }
        throw new ServerStartException(process + " exited before " + what + " answered " + expected
            + "; log " + log + ", last lines:\n" + tail);
      }
      last = probe.get();
      if (ready.test(last)) {
        return Outcome.READY;
      }
      if (System.nanoTime() - deadline > 0) {
        process.stop();
        throw new ServerStartException(process + ": " + what + " did not answer " + expected + " within "
            + timeout.toSeconds() + " s (last answer: " + last + "); log " + log + ", last lines:\n"
            + ManagedProcess.tail(log, LOG_LINES));
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        process.stop();
        throw new ServerStartException("interrupted while waiting for " + what, e);
      }
    }
  }
}
