package dev.secureinflux.auth;

import dev.secureinflux.auth.internal.Utf8;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Objects;

/**
 * A password, token or shared secret held as a {@code char[]} that can be wiped.
 *
 * <p>{@link #of(char[])} copies its argument, so the caller may wipe its own array at once. The content
 * leaves only through {@link #reveal(SecretAccess)}, as a fresh copy the caller should zero-fill after use.
 * There is no {@code equals}/{@code hashCode} over the content; use {@link #constantTimeEquals(Secret)}.
 *
 * <pre>{@code
 * Secret password = Secret.of(chars);
 * Arrays.fill(chars, '\0');
 * }</pre>
 */
public final class Secret implements AutoCloseable {
  private final char[] value;
  private volatile boolean destroyed;

  private Secret(char[] value) {
    this.value = value;
  }

  /** A secret holding a copy of {@code value}; the caller keeps ownership of (and should wipe) its array. */
  public static Secret of(char[] value) {
    Objects.requireNonNull(value, "value == null");
    return new Secret(value.clone()); // Defensive copy.
  }

  /** A fresh copy of the content, for code that holds a {@link SecretAccess}; zero-fill it after use. */
  public char[] reveal(SecretAccess access) {
    Objects.requireNonNull(access, "access == null");
    if (destroyed) {
      throw new IllegalStateException("secret was destroyed; create a new one");
    }
    return value.clone();
  }

  /** The number of {@code char}s, which is not secret enough to hide and useful for validation. */
  public int length() {
    return value.length;
  }

  /**
   * Whether the two secrets have equal content, compared in time independent of where they differ.
   *
   * @throws IllegalStateException if either secret was destroyed (its content is gone, so nothing can be compared)
   */
  public boolean constantTimeEquals(Secret other) {
    Objects.requireNonNull(other, "other == null");
    if (destroyed || other.destroyed) {
      throw new IllegalStateException((destroyed ? "this" : "the other") + " secret was destroyed: its content is"
          + " gone and cannot be compared; compare before destroy()");
    }
    byte[] a = Utf8.encode(value, "secret");
    byte[] b = Utf8.encode(other.value, "secret");
    try {
      return MessageDigest.isEqual(a, b);
    } finally {
      Arrays.fill(a, (byte) 0);
      Arrays.fill(b, (byte) 0);
    }
  }

  /** Zero-fills the content; {@link #reveal(SecretAccess)} fails afterwards. Idempotent. */
  public void destroy() {
    destroyed = true;
    Arrays.fill(value, '\0');
  }

  /** Whether {@link #destroy()} was called. */
  public boolean isDestroyed() {
    return destroyed;
  }

  /** Same as {@link #destroy()}. */
  @Override
  public void close() {
    destroy();
  }

  /** Always {@code "<redacted>"}. */
  @Override
  public final String toString() {
    return "<redacted>";
  }
}
