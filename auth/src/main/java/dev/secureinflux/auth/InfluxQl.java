package dev.secureinflux.auth;

import java.util.Objects;

/**
 * Quoting for InfluxQL (InfluxDB 1.x), so that any name or string is taken literally.
 *
 * <p>InfluxQL's scanner reads a quoted identifier or string literal up to the closing quote and accepts the
 * escapes {@code \\}, {@code \"}, {@code \'} and {@code \n} only; a raw newline ends the token with an error, and
 * it reads a carriage return as a newline and a NUL as the end of input. So identifiers are double-quoted and
 * string literals single-quoted with backslash, both quotes and newline escaped, and text holding a carriage
 * return, a NUL or an unpaired surrogate, which InfluxQL cannot express, is refused.
 */
public final class InfluxQl {
  private InfluxQl() {}

  /**
   * {@code name} as a double-quoted InfluxQL identifier: {@code a"b} becomes {@code "a\"b"}.
   *
   * @throws IllegalArgumentException if {@code name} is blank or holds a carriage return, NUL or unpaired
   *     surrogate
   */
  public static String identifier(String name) {
    Objects.requireNonNull(name, "name == null");
    if (name.isBlank()) {
      throw new IllegalArgumentException("name is blank: InfluxDB needs a non-blank name");
    }
    check(name, "name " + displayName(name));
    return quote(name, '"');
  }

  /**
   * {@code text} as a single-quoted InfluxQL string literal: {@code it's} becomes {@code 'it\'s'}.
   *
   * @throws IllegalArgumentException if {@code text} holds a carriage return, NUL or unpaired surrogate
   */
  public static String stringLiteral(CharSequence text) {
    Objects.requireNonNull(text, "text == null");
    check(text, "string");
    return quote(text, '\'');
  }

  static void check(CharSequence text, String what) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\r') {
        throw new IllegalArgumentException(what + " holds a carriage return (U+000D) at index " + i
            + ", which InfluxQL cannot express (its scanner reads it as a newline): remove it");
      }
      if (c == '\0') {
        throw new IllegalArgumentException(what + " holds a NUL (U+0000) at index " + i
            + ", which InfluxQL reads as the end of the statement: remove it");
      }
      if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        throw new IllegalArgumentException(what + " holds an unpaired UTF-16 surrogate at index " + i
            + ": it is not valid text");
      }
    }
  }

  static String quote(CharSequence text, char quote) {
    StringBuilder out = new StringBuilder(text.length() + 8).append(quote);
    appendEscaped(out, text, quote);
    return out.append(quote).toString();
  }

  static void appendEscaped(StringBuilder out, CharSequence text, char quote) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\\' || c == quote) {
        out.append('\\').append(c);
      } else if (c == '\n') {
        out.append("\\n");
      } else {
        out.append(c);
      }
    }
  }

  static String displayName(String name) {
    return dev.secureinflux.auth.internal.Json.quote(name);
  }
}
