package dev.secureinflux.tls;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/** Captures WARNING records of the "dev.secureinflux.tls" logger (System.Logger goes to java.util.logging). */
final class LogCapture {
  private LogCapture() {}

  static List<String> warnings(Runnable action) {
    // Tests are patched into the named module dev.secureinflux.tls, which does not itself read java.logging;
    // the JUL types are touched only in Jul, loaded after this.
    LogCapture.class.getModule().addReads(ModuleLayer.boot().findModule("java.logging").orElseThrow());
    return Jul.warnings(action);
  }

  /**
   * Counts WARNING and worse records from now until closed, and keeps them from the console meanwhile (a flood
   * of them must not drown the test output).
   */
  static Counter counting() {
    LogCapture.class.getModule().addReads(ModuleLayer.boot().findModule("java.logging").orElseThrow());
    return JulCounter.start();
  }

  /** Counted records. */
  interface Counter extends AutoCloseable {
    /** Records so far. */
    long count();

    /** Waits up to {@code seconds} for the first record; true when there is one. */
    boolean awaitFirst(long seconds) throws InterruptedException;

    @Override
    void close();
  }

  private static final class JulCounter extends Handler implements Counter {
    private final AtomicLong count = new AtomicLong();
    private final CountDownLatch first = new CountDownLatch(1);
    private final Logger logger = Logger.getLogger("dev.secureinflux.tls");

    static JulCounter start() {
      JulCounter counter = new JulCounter();
      counter.logger.setUseParentHandlers(false);
      counter.logger.addHandler(counter);
      return counter;
    }

    @Override
    public void publish(LogRecord record) {
      if (record.getLevel().intValue() >= Level.WARNING.intValue()) {
        count.incrementAndGet();
        first.countDown();
      }
    }

    @Override
    public long count() {
      return count.get();
    }

    @Override
    public boolean awaitFirst(long seconds) throws InterruptedException {
      return first.await(seconds, TimeUnit.SECONDS);
    }

    @Override
    public void flush() {}

    @Override
    public void close() {
      logger.removeHandler(this);
      logger.setUseParentHandlers(true);
    }
  }

  private static final class Jul extends Handler {
    private final List<String> messages = new ArrayList<>();

    static List<String> warnings(Runnable action) {
      Logger logger = Logger.getLogger("dev.secureinflux.tls");
      Jul handler = new Jul();
      logger.addHandler(handler);
      try {
        action.run();
      } finally {
        logger.removeHandler(handler);
      }
      synchronized (handler.messages) {
        return List.copyOf(handler.messages);
      }
    }

    @Override
    public void publish(LogRecord record) {
      if (record.getLevel().intValue() >= Level.WARNING.intValue()) {
        synchronized (messages) {
          messages.add(record.getMessage());
        }
      }
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}
  }
}
