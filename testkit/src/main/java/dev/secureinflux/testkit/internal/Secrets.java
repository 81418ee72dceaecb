package dev.secureinflux.testkit.internal;

import java.security.SecureRandom;

/** Random test passwords and shared secrets drawn from an alphabet that needs no quoting anywhere. */
public final class Secrets {
  private static final char[] ALPHABET =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789".toCharArray();
  private static final SecureRandom RANDOM = new SecureRandom();

  private Secrets() {}

  /** {@code length} random letters and digits (about 5.95 bits each). */
  public static char[] random(int length) {
    char[] out = new char[length];
    for (int i = 0; i < length; i++) {
      out[i] = ALPHABET[RANDOM.nextInt(ALPHABET.length)];
    }
    return out;
  }
}
