package io.lode.egress;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** An IP address range ("10.0.0.0/8", "fd00::/8"); a bare address is a range of one. */
public record Cidr(byte[] network, int prefix) {

    /** Parses a range of IP literals; never looks a name up. */
    public static Cidr parse(String text) {
        String[] parts = text.strip().split("/", 2);
        InetAddress address = literal(parts[0]);
        if (address == null) {
            throw new IllegalArgumentException("expected an IP address or CIDR range, not " + text);
        }
        byte[] network = address.getAddress();
        try {
            int prefix = parts.length == 2 ? Integer.parseInt(parts[1]) : network.length * 8;
            if (prefix < 0 || prefix > network.length * 8) {
                throw new IllegalArgumentException("bad prefix in " + text);
            }
            return new Cidr(network, prefix);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("bad prefix in " + text, e);
        }
    }

    /**
     * The address an IPv4 or IPv6 literal names, or null when {@code text} is no literal (a name is never resolved:
     * text that came from a client must not make the server ask DNS).
     */
    public static InetAddress literal(String text) {
        String candidate = text.strip();
        if (candidate.startsWith("[") && candidate.endsWith("]")) {
            candidate = candidate.substring(1, candidate.length() - 1);
        }
        if (candidate.isEmpty() || candidate.length() > 45) {
            return null;
        }
        boolean ipv6 = candidate.indexOf(':') >= 0;
        for (int i = 0; i < candidate.length(); i++) {
            char c = candidate.charAt(i);
            boolean allowed = c >= '0' && c <= '9' || c == '.' || ipv6 && (c == ':' || c >= 'a' && c <= 'f'
                    || c >= 'A' && c <= 'F');
            if (!allowed) {
                return null;
            }
        }
        try {
            return ipv6 ? InetAddress.getByName(candidate) : InetAddress.getByAddress(dottedQuad(candidate));
        } catch (UnknownHostException | IllegalArgumentException e) {
            return null;
        }
    }

    /**
     * Only dotted quads of 0–255 ("10.1" is a legal but surprising shorthand; "999.1.1.1" would make the JDK look
     * it up as a name).
     */
    private static byte[] dottedQuad(String text) {
        String[] parts = text.split("\\.", -1);
        if (parts.length != 4) {
            throw new IllegalArgumentException("not a dotted quad");
        }
        byte[] bytes = new byte[4];
        for (int i = 0; i < 4; i++) {
            if (parts[i].isEmpty() || parts[i].length() > 3 || Integer.parseInt(parts[i]) > 255) {
                throw new IllegalArgumentException("not a dotted quad");
            }
            bytes[i] = (byte) Integer.parseInt(parts[i]);
        }
        return bytes;
    }

    public boolean contains(InetAddress address) {
        byte[] candidate = address.getAddress();
        if (candidate.length != network.length) {
            return false;
        }
        for (int bit = 0; bit < prefix; bit++) {
            int mask = 0x80 >> (bit % 8);
            if ((candidate[bit / 8] & mask) != (network[bit / 8] & mask)) {
                return false;
            }
        }
        return true;
    }
}
