package dev.secureinflux.auth.internal;

import dev.secureinflux.auth.CredentialSourceException;
import java.util.Arrays;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * A secret fetched from a {@link Supplier} (a vault, a secrets manager) each time it is needed. The array the
 * supplier returns is copied and then zero-filled, so the supplier must return a fresh array each call; not API.
 */
public final class SupplierSecretSource implements SecretSource {
  private final Supplier<char[]> supplier;
  private final String what;
  private volatile boolean closed;

  /** A source calling {@code supplier} on every {@link #get()}. */
  public SupplierSecretSource(Supplier<char[]> supplier, String what) {
    this.supplier = Objects.requireNonNull(supplier, what + " supplier == null");
    this.what = what;
  }

  @Override
  public char[] get() {
    if (closed) {
      throw new IllegalStateException(what + " supplier was closed; create new credentials");
    }
    char[] value;
    try {
      value = supplier.get();
    } catch (RuntimeException e) {
      // No cause: a vault client's message or stack may hold tokens or URLs with credentials.
      throw new CredentialSourceException(
          what + " supplier failed with " + e.getClass().getName() + ": check the secret store");
    }
    if (value == null) {
      throw new CredentialSourceException(what + " supplier returned null: it must return the " + what);
    }
    try {
      if (value.length == 0 || Utf8.isBlank(value)) {
        throw new CredentialSourceException(
            what + " supplier returned an empty or blank " + what + ": check the secret store");
      }
      return value.clone(); // Defensive copy; the supplier's array is wiped below.
    } finally {
      Arrays.fill(value, '\0');
    }
  }

  @Override
  public long version() {
    return 0;
  }

  @Override
  public String describe() {
    return what + " supplier";
  }

  @Override
  public void close() {
    closed = true;
  }

  /** Format unspecified; never contains secrets. */
  @Override
  public String toString() {
    return what + " supplier";
  }
}
