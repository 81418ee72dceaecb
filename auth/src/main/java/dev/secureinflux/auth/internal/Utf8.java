package dev.secureinflux.auth.internal;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** Strict UTF-8 between {@code char[]} and {@code byte[]} without an intermediate String; not API. */
public final class Utf8 {
  private Utf8() {}

  /**
   * The UTF-8 bytes of {@code chars}; the caller zero-fills them after use.
   *
   * @throws IllegalArgumentException naming {@code what} if {@code chars} holds an unpaired surrogate
   */
  public static byte[] encode(char[] chars, String what) {
    ByteBuffer buffer;
    try {
      buffer = StandardCharsets.UTF_8.newEncoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .encode(CharBuffer.wrap(chars));
    } catch (CharacterCodingException e) {
      throw new IllegalArgumentException(what + " holds an unpaired UTF-16 surrogate: it is not valid text");
    }
    byte[] out = new byte[buffer.remaining()];
    buffer.get(out);
    wipe(buffer);
    return out;
  }

  /**
   * Refuses {@code text} if it holds an unpaired UTF-16 surrogate, which {@code String.getBytes(UTF_8)} would
   * silently turn into {@code '?'}; the message shows only the position (names may be shown, but not mangled).
   *
   * @throws IllegalArgumentException naming {@code what} and the index of the surrogate
   */
  public static void checkNoUnpairedSurrogate(String text, String what) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        throw new IllegalArgumentException(what + " holds an unpaired UTF-16 surrogate at index " + i
            + ": it is not valid text and would be sent as '?'");
      }
    }
  }

  /** The chars of UTF-8 {@code bytes}, or {@code null} if they are not valid UTF-8. */
  public static char[] decodeOrNull(byte[] bytes) {
    CharBuffer buffer;
    try {
      buffer = StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes));
    } catch (CharacterCodingException e) {
      return null;
    }
    char[] out = new char[buffer.remaining()];
    buffer.get(out);
    if (buffer.hasArray()) {
      Arrays.fill(buffer.array(), '\0');
    }
    return out;
  }

  /** Whether {@code chars} is empty or only whitespace. */
  public static boolean isBlank(char[] chars) {
    for (char c : chars) {
      if (!Character.isWhitespace(c) && !Character.isSpaceChar(c)) {
        return false;
      }
    }
    return true;
  }

  private static void wipe(ByteBuffer buffer) {
    if (buffer.hasArray()) {
      Arrays.fill(buffer.array(), (byte) 0);
    }
  }
}
