package dev.secureinflux.auth.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LoopbackTest {
  @ParameterizedTest
  @ValueSource(strings = {"localhost", "LOCALHOST", "localhost.", "LocalHost.", "127.0.0.1", "127.0.0.2",
      "127.255.255.255", "127.1.2.3", "[::1]", "::1"})
  void isLoopbackHost_loopbackSpellings_true(String host) {
    assertTrue(Loopback.isLoopbackHost(host), host);
  }

  @ParameterizedTest
  @ValueSource(strings = {"0.0.0.0", "[::]", "::", "127.1", "127.0.1", "0x7f.0.0.1", "0x7f000001", "2130706433",
      "127.0.0.01", "0127.0.0.1", "127.0.0.256", "127.0.0.1.", "localhost..", "localhost.localdomain",
      "ip6-localhost", "128.0.0.1", "126.255.255.255", "[::ffff:127.0.0.1]", "[::2]", "", "127.0.0.-1",
      "１２７.0.0.1", "localhost.example.invalid"})
  void isLoopbackHost_otherHosts_false(String host) {
    assertFalse(Loopback.isLoopbackHost(host), host);
  }

  @Test
  void isLoopbackAddress_addresses_onlyLoopback() throws Exception {
    assertTrue(Loopback.isLoopbackAddress(InetAddress.getByAddress(new byte[] {127, 9, 8, 7})));
    assertTrue(Loopback.isLoopbackAddress(InetAddress.getByName("::1")));
    assertFalse(Loopback.isLoopbackAddress(InetAddress.getByName("0.0.0.0")));
    assertFalse(Loopback.isLoopbackAddress(InetAddress.getByName("::")));
    assertFalse(Loopback.isLoopbackAddress(InetAddress.getByName("192.0.2.1")));
    assertFalse(Loopback.isLoopbackAddress(InetAddress.getByName("fe80::1")));
  }

  @Test
  void localhostAddresses_noResolver_ipv4AndIpv6Loopback() {
    var addresses = Loopback.localhostAddresses("localhost.");
    assertEquals("127.0.0.1", addresses.get(0).getHostAddress());
    assertTrue(addresses.get(1).isLoopbackAddress());
    assertEquals("localhost.", addresses.get(0).getHostName());
  }
}
