package dev.secureinflux.tls.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Watches material files on a daemon thread and runs a callback when one changes. Symbolic links are followed
 * (Kubernetes swaps a {@code ..data} link): both the files' own directories and their real parents are
 * watched, and a change is a change of real path or of content. Polls at the interval when events do not come
 * (or the file system has none): the watch service is that of the files' own file system, and a directory it
 * cannot watch (another file system, an error) is polled. After a failure of any kind the watcher waits for the
 * interval before trying again, so a failure that repeats cannot keep a core busy or flood the log. Not API.
 */
public final class MaterialWatcher implements AutoCloseable {
  /** Files larger than this are compared by size and modification time only (no real material is this big). */
  private static final long MAX_HASHED = 16L * 1024 * 1024;

  private final List<Path> files;
  private final Duration interval;
  private final Runnable onChange;
  /** Directories registered with the watch service, or that never can be (polled). */
  private final Set<Path> watched = new HashSet<>();
  private final Thread thread;
  private volatile boolean closed;
  private WatchService watchService;
  private List<String> snapshot;

  /**
   * Starts watching {@code files}; {@code onChange} runs on the watcher thread. Whatever it throws, Errors
   * included, is logged and the watching goes on (it runs again at the next change, not in a loop).
   */
  public MaterialWatcher(List<Path> files, Duration interval, Runnable onChange) {
    this.files = List.copyOf(files);
    this.interval = Objects.requireNonNull(interval, "interval == null");
    this.onChange = Objects.requireNonNull(onChange, "onChange == null");
    FileSystem fileSystem = this.files.isEmpty() ? FileSystems.getDefault() : this.files.get(0).getFileSystem();
    try {
      watchService = fileSystem.newWatchService();
    } catch (IOException | RuntimeException e) {
      TlsLog.get().log(System.Logger.Level.INFO, "no file events on " + fileSystem + " (" + e + "), polling"
          + " material files every " + interval);
    }
    this.snapshot = snapshot();
    this.thread = new Thread(this::run, "secureinflux-tls-watcher");
    thread.setDaemon(true);
    thread.start();
  }

  private void run() {
    while (!closed) {
      try {
        register();
        waitForEventOrTimeout();
        List<String> now = snapshot();
        if (!now.equals(snapshot)) {
          snapshot = now;
          onChange.run();
        }
      } catch (InterruptedException | ClosedWatchServiceException e) {
        return;
      } catch (RuntimeException | Error e) {
        // Errors too: a thread that died here would stop reloading for good, and silently.
        TlsLog.get().log(System.Logger.Level.ERROR, "material watcher: " + e + "; still watching " + files
            + ", next try in " + interval, e);
        if (!backOff()) {
          return;
        }
      }
    }
  }

  /** Waits for the interval after a failure (it may well repeat); false when interrupted (closed). */
  private boolean backOff() {
    try {
      Thread.sleep(interval.toMillis());
      return true;
    } catch (InterruptedException e) {
      return false;
    }
  }

  private void waitForEventOrTimeout() throws InterruptedException {
    if (watchService == null) {
      Thread.sleep(interval.toMillis());
      return;
    }
    WatchKey key = watchService.poll(interval.toMillis(), TimeUnit.MILLISECONDS);
    while (key != null) {
      key.pollEvents();
      key.reset();
      key = watchService.poll(); // Drain a burst of events before comparing.
    }
  }

  /** Registers the files' directories and their real parents (new ones appear after a link swap). */
  private void register() {
    if (watchService == null) {
      return;
    }
    for (Path f : files) {
      List<Path> dirs = new ArrayList<>();
      dirs.add(f.toAbsolutePath().getParent());
      try {
        dirs.add(f.toRealPath().getParent());
      } catch (IOException e) {
        // Missing right now (mid-swap): the lexical parent still reports it coming back.
      }
      for (Path d : dirs) {
        if (d != null && !watched.contains(d) && Files.isDirectory(d)) {
          try {
            d.register(watchService, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY,
                StandardWatchEventKinds.ENTRY_DELETE);
            watched.add(d);
          } catch (IOException e) {
            TlsLog.get().log(System.Logger.Level.DEBUG, "cannot watch " + d + ", polling it: " + e.getMessage());
          } catch (RuntimeException e) {
            // A directory of another file system (ProviderMismatchException): never watchable, polled for good.
            TlsLog.get().log(System.Logger.Level.DEBUG, "cannot watch " + d + ", polling it: " + e);
            watched.add(d);
          }
        }
      }
    }
  }

  /**
   * Real path, size, modification time and SHA-256 of the content of each file ("missing" when it cannot be
   * read). The content of a regular file is hashed as a stream, and only up to {@link #MAX_HASHED} bytes: a huge
   * file put there by mistake must not exhaust the heap or keep a core busy on every poll (size and time still
   * show its changes), and a FIFO must not block the watcher.
   */
  private List<String> snapshot() {
    List<String> out = new ArrayList<>();
    for (Path f : files) {
      try {
        Path real = f.toRealPath();
        long size = Files.size(real);
        String digest = !Files.isRegularFile(real) ? "not a regular file"
            : size <= MAX_HASHED ? digest(real) : "not hashed";
        out.add(real + "#" + size + "#" + Files.getLastModifiedTime(real).toMillis() + "#" + digest);
      } catch (IOException | RuntimeException e) {
        out.add(f + "#missing"); // RuntimeException: a closed file system, for one.
      }
    }
    return out;
  }

  private static String digest(Path file) throws IOException {
    MessageDigest sha256;
    try {
      sha256 = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from the JDK", e);
    }
    byte[] buffer = new byte[8192];
    long left = MAX_HASHED;
    try (InputStream in = Files.newInputStream(file)) {
      for (int n = in.read(buffer); n >= 0 && left > 0; n = in.read(buffer)) {
        sha256.update(buffer, 0, n);
        left -= n;
      }
    }
    return Arrays.toString(sha256.digest());
  }

  /** True while the watcher thread runs. */
  public boolean isRunning() {
    return thread.isAlive();
  }

  /** Stops the thread and waits (up to 10 seconds) for it to end, unless called from it; idempotent. */
  @Override
  public void close() {
    closed = true;
    thread.interrupt();
    if (watchService != null) {
      try {
        watchService.close();
      } catch (IOException e) {
        TlsLog.get().log(System.Logger.Level.DEBUG, "closing the watch service: " + e.getMessage());
      }
    }
    if (Thread.currentThread() != thread) {
      try {
        thread.join(10_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
