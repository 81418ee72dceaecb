package dev.secureinflux.auth.internal;

/** The two bits of JSON the module needs: quoting a string, and reading InfluxDB's error field; not API. */
public final class Json {
  private Json() {}

  /** {@code s} as a JSON string literal (RFC 8259), quotes included. */
  public static String quote(String s) {
    StringBuilder out = new StringBuilder(s.length() + 2).append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        case '\b' -> out.append("\\b");
        case '\f' -> out.append("\\f");
        default -> {
          if (c < 0x20 || c == 0x2028 || c == 0x2029) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.append('"').toString();
  }

  /** The value of the top-level {@code "error"} string field of InfluxDB's error body, or {@code null}. */
  public static String errorField(String body) {
    if (body == null) {
      return null;
    }
    int key = body.indexOf("\"error\"");
    if (key < 0) {
      return null;
    }
    int i = key + 7;
    while (i < body.length() && (body.charAt(i) == ' ' || body.charAt(i) == ':')) {
      i++;
    }
    if (i >= body.length() || body.charAt(i) != '"') {
      return null;
    }
    StringBuilder out = new StringBuilder();
    for (i++; i < body.length(); i++) {
      char c = body.charAt(i);
      if (c == '"') {
        return out.toString();
      }
      if (c == '\\' && i + 1 < body.length()) {
        char e = body.charAt(++i);
        switch (e) {
          case 'n' -> out.append('\n');
          case 'r' -> out.append('\r');
          case 't' -> out.append('\t');
          case 'b' -> out.append('\b');
          case 'f' -> out.append('\f');
          case 'u' -> {
            if (i + 4 >= body.length()) {
              return out.toString();
            }
            try {
              out.append((char) Integer.parseInt(body.substring(i + 1, i + 5), 16));
            } catch (NumberFormatException notHex) {
              return out.toString();
            }
            i += 4;
          }
          default -> out.append(e);
        }
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }
}
