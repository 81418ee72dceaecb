package dev.secureinflux.tls.internal;

import java.net.IDN;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

/**
 * The host name rule: subjectAltName only (never the common name); a wildcard only as the whole left-most
 * label and never for IP addresses; IP literals only against IP SANs; case-insensitive; trailing dot ignored.
 * IP literals are parsed here: nothing in this class resolves a name. Not API.
 */
public final class HostnameMatcher {
  private static final int SAN_DNS = 2;
  private static final int SAN_IP = 7;

  private HostnameMatcher() {}

  /** True when {@code host} (a name or IP literal, IPv6 with or without brackets) is one of the SANs. */
  public static boolean matches(String host, X509Certificate certificate) {
    String h = normalise(host);
    if (h.isEmpty()) {
      return false;
    }
    byte[] ip = ipLiteral(h);
    for (List<?> san : subjectAltNames(certificate)) {
      int type = (Integer) san.get(0);
      String value = String.valueOf(san.get(1));
      if (ip != null && type == SAN_IP) {
        byte[] sanIp = ipLiteral(value);
        if (sanIp != null && Arrays.equals(ip, sanIp)) {
          return true;
        }
      } else if (ip == null && type == SAN_DNS && matchesName(h, normalise(value))) {
        return true;
      }
    }
    return false;
  }

  /** The DNS and IP subjectAltNames of {@code certificate}, for messages. */
  public static List<String> describeSans(X509Certificate certificate) {
    List<String> out = new ArrayList<>();
    for (List<?> san : subjectAltNames(certificate)) {
      int type = (Integer) san.get(0);
      if (type == SAN_DNS) {
        out.add("DNS:" + san.get(1));
      } else if (type == SAN_IP) {
        out.add("IP:" + san.get(1));
      }
    }
    return out;
  }

  /** True when {@code host} is an IPv4 or IPv6 literal. */
  public static boolean isIpLiteral(String host) {
    return ipLiteral(normalise(host)) != null;
  }

  private static boolean matchesName(String host, String pattern) {
    if (pattern.isEmpty() || host.contains("..") || host.startsWith(".")) {
      return false;
    }
    if (!pattern.contains("*")) {
      return host.equals(pattern);
    }
    // Only "*.<at least two labels>" and only a whole left-most label.
    if (!pattern.startsWith("*.") || pattern.indexOf('*', 1) >= 0) {
      return false;
    }
    String suffix = pattern.substring(1);
    if (suffix.indexOf('.', 1) < 0 || !host.endsWith(suffix)) {
      return false;
    }
    String label = host.substring(0, host.length() - suffix.length());
    return !label.isEmpty() && label.indexOf('.') < 0;
  }

  /** A host name as matched: A-labels, lower case, no brackets, no trailing dot ("" for an invalid IDN). */
  static String normalise(String name) {
    String n = name.trim();
    if (!n.chars().allMatch(c -> c < 0x80)) {
      try {
        n = IDN.toASCII(n); // A U-label host against the A-labels certificates carry.
      } catch (IllegalArgumentException e) {
        return "";
      }
    }
    n = n.toLowerCase(Locale.ROOT);
    if (n.startsWith("[") && n.endsWith("]")) {
      n = n.substring(1, n.length() - 1);
    }
    if (n.endsWith(".")) {
      n = n.substring(0, n.length() - 1);
    }
    return n;
  }

  /**
   * The address bytes of an IPv4 dotted quad or an IPv6 literal (an IPv4-mapped one as its 4 IPv4 bytes, a zone
   * {@code %id} ignored), or null. Parsed here, never by {@code InetAddress}: a string that only looks like an
   * address ({@code 300.1.1.1}) is a DNS name and must not start a lookup.
   */
  static byte[] ipLiteral(String value) {
    byte[] v4 = ipv4(value);
    if (v4 != null || value.indexOf(':') < 0) {
      return v4;
    }
    byte[] v6 = ipv6(value);
    if (v6 == null) {
      return null;
    }
    for (int i = 0; i < 10; i++) {
      if (v6[i] != 0) {
        return v6;
      }
    }
    return (v6[10] & 0xff) == 0xff && (v6[11] & 0xff) == 0xff ? Arrays.copyOfRange(v6, 12, 16) : v6;
  }

  /** Four decimal numbers 0-255 without leading zeros (an octal reading of 010 would be ambiguous), or null. */
  private static byte[] ipv4(String value) {
    String[] parts = value.split("\\.", -1);
    if (parts.length != 4) {
      return null;
    }
    byte[] out = new byte[4];
    for (int i = 0; i < 4; i++) {
      String p = parts[i];
      if (p.isEmpty() || p.length() > 3 || (p.length() > 1 && p.charAt(0) == '0')
          || !p.chars().allMatch(c -> c >= '0' && c <= '9')) {
        return null;
      }
      int n = Integer.parseInt(p);
      if (n > 255) {
        return null;
      }
      out[i] = (byte) n;
    }
    return out;
  }

  /** Eight groups of 1-4 hex digits, one {@code ::} for a run of zero groups, an IPv4 tail; or null. */
  private static byte[] ipv6(String literal) {
    String value = literal;
    int zone = value.indexOf('%');
    if (zone >= 0) {
      String id = value.substring(zone + 1);
      if (id.isEmpty() || !id.chars().allMatch(c -> Character.isLetterOrDigit(c) || c == '.' || c == '_'
          || c == '-')) {
        return null;
      }
      value = value.substring(0, zone);
    }
    int gap = value.indexOf("::");
    if (gap >= 0 && value.indexOf("::", gap + 1) >= 0) {
      return null;
    }
    List<Integer> head = groups(gap >= 0 ? value.substring(0, gap) : value, gap < 0);
    List<Integer> tail = gap >= 0 ? groups(value.substring(gap + 2), true) : List.of();
    if (head == null || tail == null || (gap >= 0 && head.size() + tail.size() > 7)
        || (gap < 0 && head.size() != 8)) {
      return null;
    }
    byte[] out = new byte[16];
    for (int i = 0; i < head.size(); i++) {
      out[2 * i] = (byte) (head.get(i) >> 8);
      out[2 * i + 1] = (byte) (int) head.get(i);
    }
    for (int i = 0; i < tail.size(); i++) {
      int at = 16 - 2 * (tail.size() - i);
      out[at] = (byte) (tail.get(i) >> 8);
      out[at + 1] = (byte) (int) tail.get(i);
    }
    return out;
  }

  /** The 16-bit groups of a colon-separated run ({@code ""}: none); an IPv4 tail only at the end. */
  private static List<Integer> groups(String run, boolean last) {
    List<Integer> out = new ArrayList<>();
    if (run.isEmpty()) {
      return out;
    }
    String[] parts = run.split(":", -1);
    for (int i = 0; i < parts.length; i++) {
      String p = parts[i];
      if (last && i == parts.length - 1 && p.indexOf('.') >= 0) {
        byte[] v4 = ipv4(p);
        if (v4 == null) {
          return null;
        }
        out.add(((v4[0] & 0xff) << 8) | (v4[1] & 0xff));
        out.add(((v4[2] & 0xff) << 8) | (v4[3] & 0xff));
      } else if (p.isEmpty() || p.length() > 4 || !p.chars().allMatch(c -> Character.digit(c, 16) >= 0
          && c < 0x80)) {
        return null;
      } else {
        out.add(Integer.parseInt(p, 16));
      }
    }
    return out;
  }

  private static Collection<List<?>> subjectAltNames(X509Certificate certificate) {
    try {
      Collection<List<?>> sans = certificate.getSubjectAlternativeNames();
      return sans != null ? sans : List.of();
    } catch (CertificateParsingException e) {
      return List.of();
    }
  }
}
