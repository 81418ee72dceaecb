package dev.secureinflux.tls.internal;

import java.net.IDN;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The host name rule: subjectAltName only (never the common name); a wildcard only as the whole left-most
 * label and never for IP addresses; IP literals only against IP SANs; case-insensitive; trailing dot ignored.
 * Not API.
 */
public final class HostnameMatcher {
  private static final int SAN_DNS = 2;
  private static final int SAN_IP = 7;
  private static final Pattern IPV4 = Pattern.compile("[0-9]{1,3}(\\.[0-9]{1,3}){3}");

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

  private static String normalise(String name) {
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

  /** The address bytes of an IP literal, or null; never asks DNS. */
  private static byte[] ipLiteral(String value) {
    boolean v4 = IPV4.matcher(value).matches();
    boolean v6 = value.indexOf(':') >= 0 && value.matches("[0-9a-f:.%]+");
    if (!v4 && !v6) {
      return null;
    }
    try {
      // A literal only: InetAddress parses it without any lookup.
      return InetAddress.getByName(value).getAddress();
    } catch (UnknownHostException e) {
      return null;
    }
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
