package io.lode.egress;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;

/**
 * Decides whether Lode may connect to an address. Blocks loopback, unspecified, private, carrier-grade NAT,
 * link-local (cloud metadata lives there), unique-local IPv6, multicast, every IPv6 form that carries one of those
 * IPv4 addresses (mapped, compatible, SIIT, NAT64, 6to4), local-use NAT64 and Teredo,
 * unless an operator's allow-list names the address or its range. The check runs on the resolved address
 * that is then connected to, so a DNS name cannot smuggle a private address past it.
 */
public final class SsrfGuard {

    private final List<Allowed> allowed;

    /**
     * {@code allowList}: IP addresses or CIDR ranges, each optionally limited to a port or a port range: "10.0.0.0/8",
     * "127.0.0.1:8190", "127.0.0.1:32768-65535", "[::1]:8190" (IPv6 with a port in brackets). Without a port every
     * port of the range is allowed.
     */
    public SsrfGuard(List<String> allowList) {
        this.allowed = allowList.stream().map(String::strip).filter(s -> !s.isEmpty()).map(Allowed::parse).toList();
    }

    /** Resolves {@code uri}'s host and returns the address to connect to, or throws saying why not. */
    public InetAddress resolve(URI uri) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new BlockedDestinationException("only http and https URLs are allowed, not '" + scheme + "'");
        }
        if (uri.getHost() == null || uri.getHost().isBlank()) {
            throw new BlockedDestinationException("URL has no host");
        }
        if (uri.getUserInfo() != null) {
            throw new BlockedDestinationException("URL must not carry credentials");
        }
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(uri.getHost());
        } catch (UnknownHostException e) {
            throw new BlockedDestinationException("host " + uri.getHost() + " does not resolve");
        }
        int port = uri.getPort() != -1 ? uri.getPort() : scheme.equals("https") ? 443 : 80;
        for (InetAddress address : addresses) {
            check(address, port);
        }
        return addresses[0];
    }

    /** Throws unless {@code address} is public, or allow-listed for {@code port}. */
    public void check(InetAddress address, int port) {
        if (allowed.stream().anyMatch(a -> a.range().contains(address) && port >= a.lowPort() && port <= a.highPort())) {
            return;
        }
        String reason = blockedReason(address);
        if (reason != null) {
            throw new BlockedDestinationException(address.getHostAddress() + " is " + reason
                    + " and not on the operator allow-list");
        }
    }

    static String blockedReason(InetAddress address) {
        String translation = translationRange(address);
        if (translation != null) {
            return translation;
        }
        InetAddress effective = unmapped(address);
        if (effective.isLoopbackAddress()) {
            return "a loopback address";
        }
        if (effective.isAnyLocalAddress()) {
            return "an unspecified address";
        }
        if (effective.isLinkLocalAddress()) {
            return "a link-local address (cloud metadata lives there)";
        }
        if (effective.isSiteLocalAddress()) {
            return "a private address";
        }
        if (effective.isMulticastAddress()) {
            return "a multicast address";
        }
        byte[] b = effective.getAddress();
        if (effective instanceof Inet4Address) {
            int first = b[0] & 0xff;
            int second = b[1] & 0xff;
            if (first == 0) {
                return "in 0.0.0.0/8";
            }
            if (first == 100 && second >= 64 && second <= 127) {
                return "a carrier-grade NAT address";
            }
            if (first == 198 && (second == 18 || second == 19)) {
                return "a benchmarking address";
            }
            if (first >= 240) {
                return "a reserved address";
            }
        } else if (effective instanceof Inet6Address && (b[0] & 0xfe) == 0xfc) {
            return "a unique-local IPv6 address";
        }
        return null;
    }

    /**
     * An IPv6 address that carries an IPv4 address is judged as that IPv4 address: IPv4-mapped ::ffff:a.b.c.d,
     * IPv4-compatible ::a.b.c.d, SIIT ::ffff:0:a.b.c.d, NAT64 64:ff9b::a.b.c.d (RFC 6052) and 6to4 2002:AABB:CCDD::
     * (RFC 3056) — a gateway or a dual-stack host turns each into a connection to the IPv4 address inside.
     */
    private static InetAddress unmapped(InetAddress address) {
        byte[] b = address.getAddress();
        if (!(address instanceof Inet6Address) || b.length != 16) {
            return address;
        }
        if (zero(b, 0, 10) && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff    // ::ffff:a.b.c.d
                || zero(b, 0, 12) && !(zero(b, 12, 15) && (b[15] == 0 || b[15] == 1)) // ::a.b.c.d, not :: or ::1
                || zero(b, 0, 8) && (b[8] & 0xff) == 0xff && (b[9] & 0xff) == 0xff && zero(b, 10, 12)
                || (b[0] & 0xff) == 0x00 && (b[1] & 0xff) == 0x64 && (b[2] & 0xff) == 0xff
                        && (b[3] & 0xff) == 0x9b && zero(b, 4, 12)) {           // 64:ff9b::/96
            return ipv4(b, 12);
        }
        if ((b[0] & 0xff) == 0x20 && (b[1] & 0xff) == 0x02) {                   // 2002::/16
            return ipv4(b, 2);
        }
        return address;
    }

    /** Ranges that only ever lead into some operator's own network: nothing public lives there. */
    private static String translationRange(InetAddress address) {
        byte[] b = address.getAddress();
        if (!(address instanceof Inet6Address) || b.length != 16) {
            return null;
        }
        if ((b[0] & 0xff) == 0x00 && (b[1] & 0xff) == 0x64 && (b[2] & 0xff) == 0xff && (b[3] & 0xff) == 0x9b
                && (b[4] & 0xff) == 0x00 && (b[5] & 0xff) == 0x01) {
            return "a local-use NAT64 address (64:ff9b:1::/48)";
        }
        if ((b[0] & 0xff) == 0x20 && (b[1] & 0xff) == 0x01 && (b[2] & 0xff) == 0x00 && (b[3] & 0xff) == 0x00) {
            return "a Teredo tunnel address (2001::/32)";
        }
        return null;
    }

    private static boolean zero(byte[] bytes, int from, int to) {
        for (int i = from; i < to; i++) {
            if (bytes[i] != 0) {
                return false;
            }
        }
        return true;
    }

    private static InetAddress ipv4(byte[] bytes, int at) {
        try {
            return InetAddress.getByAddress(new byte[] {bytes[at], bytes[at + 1], bytes[at + 2], bytes[at + 3]});
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An allow-list entry: an address range and the ports allowed in it. */
    record Allowed(Cidr range, int lowPort, int highPort) {

        static Allowed parse(String text) {
            String address = text;
            String ports = null;
            if (text.startsWith("[")) { // [IPv6]:port or [IPv6/prefix]:port
                int close = text.indexOf(']');
                if (close < 0) {
                    throw new IllegalArgumentException("unclosed '[' in allow-list entry " + text);
                }
                address = text.substring(1, close);
                String rest = text.substring(close + 1);
                if (!rest.isEmpty()) {
                    if (!rest.startsWith(":")) {
                        throw new IllegalArgumentException("bad allow-list entry " + text);
                    }
                    ports = rest.substring(1);
                }
            } else if (text.indexOf(':') >= 0 && text.indexOf(':') == text.lastIndexOf(':')) { // IPv4:port
                address = text.substring(0, text.indexOf(':'));
                ports = text.substring(text.indexOf(':') + 1);
            }
            if (ports == null) {
                return new Allowed(Cidr.parse(address), 0, 65_535);
            }
            String[] bounds = ports.split("-", 2);
            try {
                int low = Integer.parseInt(bounds[0]);
                int high = bounds.length == 2 ? Integer.parseInt(bounds[1]) : low;
                if (low < 1 || high > 65_535 || low > high) {
                    throw new IllegalArgumentException("bad port range in allow-list entry " + text);
                }
                return new Allowed(Cidr.parse(address), low, high);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("bad port in allow-list entry " + text, e);
            }
        }
    }
}
