package io.lode.registry.registration;

import java.net.URI;
import java.util.Locale;

/** The web origin of a URL (scheme, host, port with the scheme's default filled in): the unit of control over a server. */
final class Origins {

    private Origins() {
    }

    static String of(URI url) {
        String scheme = url.getScheme().toLowerCase(Locale.ROOT);
        int port = url.getPort() != -1 ? url.getPort() : scheme.equals("https") ? 443 : 80;
        return scheme + "://" + url.getHost().toLowerCase(Locale.ROOT) + ":" + port;
    }

    static boolean same(String a, String b) {
        return of(URI.create(a)).equals(of(URI.create(b)));
    }
}
