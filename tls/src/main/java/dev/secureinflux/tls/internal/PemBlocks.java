package dev.secureinflux.tls.internal;

import dev.secureinflux.tls.MaterialFormatException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Splits PEM text into blocks: text between blocks is ignored, CRLF and CR line ends are accepted, a body on one
 * line and a whole block on one line are accepted, RFC 1421 headers ({@code Proc-Type}, {@code DEK-Info}) are
 * kept. Not API.
 */
public final class PemBlocks {
  private static final String BEGIN = "-----BEGIN ";
  private static final String END = "-----END ";
  private static final String DASHES = "-----";

  private PemBlocks() {}

  /** One PEM block: 1-based index in its file, type (the word after BEGIN), headers and decoded body. */
  public static final class Block {
    public final int index;
    public final String type;
    public final Map<String, String> headers;
    public final byte[] der;

    Block(int index, String type, Map<String, String> headers, byte[] der) {
      this.index = index;
      this.type = type;
      this.headers = Map.copyOf(headers);
      this.der = der;
    }

    /** For messages: {@code block 2 (CERTIFICATE)}. */
    public String describe() {
      return "block " + index + " (" + type + ")";
    }

    /** Whether this block holds a private key (any encryption or format). */
    public boolean isPrivateKey() {
      return type.endsWith("PRIVATE KEY");
    }

    /** Whether this block holds one or more certificates. */
    public boolean isCertificate() {
      return type.equals("CERTIFICATE") || type.equals("X509 CERTIFICATE") || type.equals("TRUSTED CERTIFICATE")
          || type.equals("PKCS7") || type.equals("CMS");
    }
  }

  /** Whether {@code bytes} contain a PEM BEGIN line. */
  public static boolean isPem(byte[] bytes) {
    return new String(bytes, StandardCharsets.ISO_8859_1).contains(BEGIN);
  }

  /**
   * The blocks of a PEM file, in order.
   *
   * @throws MaterialFormatException naming {@code file} and the block when a block has no END line, a
   *     mismatched END line or a body that is not base64
   */
  public static List<Block> parse(byte[] bytes, Path file) {
    String text = new String(bytes, StandardCharsets.ISO_8859_1)
        .replace("\r\n", "\n").replace('\r', '\n')
        // One-line PEM: put BEGIN and END markers on lines of their own.
        .replaceAll("(-----END [A-Z0-9 ]+-----)[ \t]*(?=-----BEGIN )", "$1\n")
        .replaceAll("(-----BEGIN [A-Z0-9 ]+-----)[ \t]*(?=[^\\s])", "$1\n")
        .replaceAll("(?<=[^\\s])[ \t]*(-----END [A-Z0-9 ]+-----)", "\n$1");
    String[] lines = text.split("\n", -1);
    List<Block> blocks = new ArrayList<>();
    int i = 0;
    while (i < lines.length) {
      String line = lines[i++].strip();
      if (!line.startsWith(BEGIN) || !line.endsWith(DASHES) || line.length() <= BEGIN.length() + DASHES.length()) {
        continue;
      }
      String type = line.substring(BEGIN.length(), line.length() - DASHES.length());
      int index = blocks.size() + 1;
      String where = file + ": PEM block " + index + " (" + type + ")";
      Map<String, String> headers = new LinkedHashMap<>();
      StringBuilder body = new StringBuilder();
      boolean ended = false;
      while (i < lines.length) {
        String l = lines[i++].strip();
        if (l.startsWith(END)) {
          if (!l.equals(END + type + DASHES)) {
            throw new MaterialFormatException(where + " ends with '" + l + "'; the file is corrupt or two blocks"
                + " are mixed up: re-export it");
          }
          ended = true;
          break;
        }
        if (l.startsWith(BEGIN)) {
          break;
        }
        int colon = l.indexOf(':');
        if (colon > 0 && body.length() == 0) {
          headers.put(l.substring(0, colon).strip(), l.substring(colon + 1).strip());
        } else {
          body.append(l);
        }
      }
      if (!ended) {
        throw new MaterialFormatException(where + " has no '" + END + type + DASHES
            + "' line: the file is truncated (still being written?) or corrupt; write it completely");
      }
      byte[] der;
      try {
        der = Base64.getDecoder().decode(body.toString().replaceAll("\\s", ""));
      } catch (IllegalArgumentException e) {
        throw new MaterialFormatException(where + " is not valid base64: the file is corrupt or truncated;"
            + " re-export it", null);
      }
      if (der.length == 0) {
        throw new MaterialFormatException(where + " is empty; re-export the file");
      }
      blocks.add(new Block(index, type, headers, der));
    }
    return List.copyOf(blocks);
  }
}
