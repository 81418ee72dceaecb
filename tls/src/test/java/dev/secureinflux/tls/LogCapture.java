package dev.secureinflux.tls;

import java.util.ArrayList;
import java.util.List;
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
