package dev.secureinflux.auth.internal;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * What counts as loopback, decided from the text of a URL's host and from socket addresses, never by asking DNS.
 * The one copy of the rule: the auth interceptor and the core module's URL, DNS and socket guards all use it. Not API.
 *
 * <p>A host is loopback when it is an IPv4 dotted quad in 127.0.0.0/8 (four decimal parts, no leading zeros),
 * the IPv6 literal {@code [::1]} in any equivalent textual form ({@code [0:0:0:0:0:0:0:1]}, {@code [::0:1]}, ...:
 * the core module's {@code ServerUrl} compares OkHttp's canonical form), or the name {@code localhost} in any case with an optional
 * trailing dot.
 * Everything else ({@code 0.0.0.0}, {@code [::]}, {@code 127.1}, {@code 0x7f.0.0.1}, {@code 2130706433},
 * {@code [::ffff:127.0.0.1]}, names that merely resolve to loopback) is not.
 */
public final class Loopback {
  private static final Pattern OCTET = Pattern.compile("0|[1-9][0-9]{0,2}");

  private Loopback() {}

  /** True for {@code localhost} and {@code localhost.}, any case. */
  public static boolean isLocalhostName(String host) {
    String h = host.toLowerCase(Locale.ROOT);
    return h.equals("localhost") || h.equals("localhost.");
  }

  /** True when {@code host}, as written in a URL (IPv6 in brackets or not), is loopback by the rule above. */
  public static boolean isLoopbackHost(String host) {
    if (isLocalhostName(host)) {
      return true;
    }
    String h = host.toLowerCase(Locale.ROOT);
    if (h.equals("[::1]") || h.equals("::1")) {
      return true;
    }
    return isLoopbackDottedQuad(h);
  }

  /** True for a strict IPv4 dotted quad whose first part is 127. */
  public static boolean isLoopbackDottedQuad(String host) {
    String[] parts = host.split("\\.", -1);
    if (parts.length != 4) {
      return false;
    }
    for (String part : parts) {
      if (!OCTET.matcher(part).matches() || Integer.parseInt(part) > 255) {
        return false;
      }
    }
    return parts[0].equals("127");
  }

  /** True when {@code address} is in 127.0.0.0/8 or is {@code ::1} (not an IPv4-mapped or unspecified address). */
  public static boolean isLoopbackAddress(InetAddress address) {
    if (address instanceof Inet4Address) {
      return (address.getAddress()[0] & 0xff) == 127;
    }
    if (address instanceof Inet6Address) {
      byte[] bytes = address.getAddress();
      for (int i = 0; i < 15; i++) {
        if (bytes[i] != 0) {
          return false;
        }
      }
      return bytes[15] == 1;
    }
    return false;
  }

  /** The loopback addresses {@code localhost} stands for, built from bytes: no resolver is consulted. */
  public static List<InetAddress> localhostAddresses(String host) {
    try {
      return List.of(
          InetAddress.getByAddress(host, new byte[] {127, 0, 0, 1}),
          InetAddress.getByAddress(host, new byte[] {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1}));
    } catch (UnknownHostException e) {
      throw new IllegalStateException("cannot happen: address of valid length", e);
    }
  }
}
