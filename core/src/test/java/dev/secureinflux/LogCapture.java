package dev.secureinflux;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/** Captures what OkHttp's logging writes (JUL logger {@code okhttp3.OkHttpClient}) and System.out. */
final class LogCapture implements AutoCloseable {
  private final Logger logger = Logger.getLogger("okhttp3.OkHttpClient");
  private final StringBuilder records = new StringBuilder();
  private final Handler handler = new Handler() {
    @Override
    public void publish(LogRecord record) {
      synchronized (records) {
        records.append(record.getMessage()).append('\n');
      }
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}
  };
  private final PrintStream originalOut = System.out;
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final Level originalLevel = logger.getLevel();

  LogCapture() {
    logger.addHandler(handler);
    logger.setLevel(Level.ALL);
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
  }

  /** Everything captured so far. */
  String text() {
    synchronized (records) {
      return records + out.toString(StandardCharsets.UTF_8);
    }
  }

  @Override
  public void close() {
    System.setOut(originalOut);
    logger.removeHandler(handler);
    logger.setLevel(originalLevel);
  }
}
