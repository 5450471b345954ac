package io.lode.egress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.URI;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class SsrfGuardTest {

    private final SsrfGuard strict = new SsrfGuard(List.of());

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "127.9.9.9", "::1", "0.0.0.0", "10.1.2.3", "172.16.0.1", "192.168.1.1",
        "169.254.169.254", "fe80::1", "fd00::1", "fc12::3", "100.64.0.1", "::ffff:127.0.0.1", "::ffff:10.0.0.1",
        "224.0.0.1", "255.255.255.255"})
    void blocksInternalAddresses(String ip) throws Exception {
        InetAddress address = InetAddress.getByName(ip);
        assertThatThrownBy(() -> strict.check(address, 443)).isInstanceOf(BlockedDestinationException.class)
                .hasMessageContaining("allow-list");
    }

    /** IPv6 forms that carry an IPv4 address, built from bytes (Java's parser turns some into IPv4 by itself). */
    @ParameterizedTest
    @ValueSource(strings = {
        "00000000000000000000ffff7f000001",  // ::ffff:127.0.0.1
        "000000000000000000000000a9fea9fe",  // ::169.254.169.254 (IPv4-compatible)
        "00000000000000000000000000000005",  // ::0.0.0.5
        "0000000000000000ffff00000a000001",  // ::ffff:0:10.0.0.1 (SIIT)
        "0064ff9b0000000000000000c0a80101",  // 64:ff9b::192.168.1.1 (NAT64)
        "0064ff9b0000000000000000a9fea9fe",  // 64:ff9b::169.254.169.254
        "0064ff9b000100000000000008080808",  // 64:ff9b:1:: (local-use NAT64, whatever it carries)
        "20027f00000100000000000000000001",  // 2002:7f00:1:: (6to4 of 127.0.0.1)
        "20020a0000010000000000000000000a",  // 2002:a00:1:: (6to4 of 10.0.0.1)
        "20010000000000000000000000000001"   // 2001:0:: (Teredo)
    })
    void blocksIpv6FormsThatCarryAnInternalIpv4Address(String hex) throws Exception {
        InetAddress address = java.net.Inet6Address.getByAddress(null, java.util.HexFormat.of().parseHex(hex), -1);
        assertThat(address).isInstanceOf(java.net.Inet6Address.class);
        assertThatThrownBy(() -> strict.check(address, 443)).isInstanceOf(BlockedDestinationException.class)
                .hasMessageContaining("allow-list");
    }

    @ParameterizedTest
    @ValueSource(strings = {"0064ff9b000000000000000008080808", "20020808080800000000000000000001"})
    void allowsIpv6FormsThatCarryAPublicIpv4Address(String hex) throws Exception {
        InetAddress address = java.net.Inet6Address.getByAddress(null, java.util.HexFormat.of().parseHex(hex), -1);
        assertThatCode(() -> strict.check(address, 443)).doesNotThrowAnyException();
    }

    @ParameterizedTest
    @ValueSource(strings = {"93.184.216.34", "8.8.8.8", "2606:4700::1111", "1.1.1.1"})
    void allowsPublicAddresses(String ip) throws Exception {
        InetAddress address = InetAddress.getByName(ip);
        assertThatCode(() -> strict.check(address, 443)).doesNotThrowAnyException();
    }

    @Test
    void allowListOpensExactlyWhatItNames() throws Exception {
        SsrfGuard local = new SsrfGuard(List.of("127.0.0.1", "10.8.0.0/16"));

        assertThatCode(() -> local.check(InetAddress.getByName("127.0.0.1"), 80)).doesNotThrowAnyException();
        assertThatCode(() -> local.check(InetAddress.getByName("10.8.200.1"), 80)).doesNotThrowAnyException();
        assertThatThrownBy(() -> local.check(InetAddress.getByName("127.0.0.2"), 80))
                .isInstanceOf(BlockedDestinationException.class);
        assertThatThrownBy(() -> local.check(InetAddress.getByName("10.9.0.1"), 80))
                .isInstanceOf(BlockedDestinationException.class);
    }

    @Test
    void anAllowListEntryCanNameItsPorts() throws Exception {
        SsrfGuard local = new SsrfGuard(List.of("127.0.0.1:8190", "127.0.0.1:32768-65535", "[::1]:9000-9001",
                "10.0.0.0/8:443"));
        InetAddress loopback = InetAddress.getByName("127.0.0.1");

        assertThatCode(() -> local.check(loopback, 8190)).doesNotThrowAnyException();
        assertThatCode(() -> local.check(loopback, 40_000)).doesNotThrowAnyException();
        assertThatCode(() -> local.check(InetAddress.getByName("::1"), 9001)).doesNotThrowAnyException();
        assertThatCode(() -> local.check(InetAddress.getByName("10.1.2.3"), 443)).doesNotThrowAnyException();
        for (int servicePort : new int[] {8080, 8181, 8191, 9080, 15432, 19092, 32767}) {
            assertThatThrownBy(() -> local.check(loopback, servicePort)).as("port %d", servicePort)
                    .isInstanceOf(BlockedDestinationException.class);
        }
        assertThatThrownBy(() -> local.check(InetAddress.getByName("10.1.2.3"), 80))
                .isInstanceOf(BlockedDestinationException.class);
        assertThatThrownBy(() -> local.resolve(URI.create("http://127.0.0.1:8182/v1/tasks")))
                .isInstanceOf(BlockedDestinationException.class);
        assertThatCode(() -> local.resolve(URI.create("http://127.0.0.1:8190/a2a"))).doesNotThrowAnyException();
        assertThatThrownBy(() -> new SsrfGuard(List.of("127.0.0.1:0"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SsrfGuard(List.of("127.0.0.1:9-3"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SsrfGuard(List.of("[::1:80"))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void namesThatResolveToInternalAddressesAreBlocked() {
        assertThatThrownBy(() -> strict.resolve(URI.create("http://localhost:8080/card")))
                .isInstanceOf(BlockedDestinationException.class).hasMessageContaining("loopback");
    }

    @Test
    void rejectsOtherSchemesAndCredentials() {
        assertThatThrownBy(() -> strict.resolve(URI.create("file:///etc/passwd"))).hasMessageContaining("http");
        assertThatThrownBy(() -> strict.resolve(URI.create("gopher://1.1.1.1/"))).hasMessageContaining("http");
        assertThatThrownBy(() -> strict.resolve(URI.create("http://u:p@1.1.1.1/"))).hasMessageContaining("credentials");
    }

    @Test
    void rejectsMalformedAllowListEntries() {
        assertThatThrownBy(() -> new SsrfGuard(List.of("10.0.0.0/99"))).isInstanceOf(IllegalArgumentException.class);
        assertThat(new SsrfGuard(List.of(" ", "")).toString()).isNotEmpty();
    }
}
