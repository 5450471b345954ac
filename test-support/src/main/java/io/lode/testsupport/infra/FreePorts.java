package io.lode.testsupport.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Finds ports on 127.0.0.1 and tells whether one is taken. Ports come from 20000–31999, below every system's
 * ephemeral range (Linux 32768+, macOS and Windows 49152+): a port the system hands out for {@code bind(0)} may be
 * taken by an outgoing connection before a slow-starting service binds it. None is handed out twice by a process.
 */
public final class FreePorts {

    private static final int FIRST = 20_000;
    private static final int COUNT = 12_000;
    private static final Set<Integer> HANDED_OUT = ConcurrentHashMap.newKeySet();

    private FreePorts() {
    }

    public static int any() {
        for (int tries = 0; tries < 1_000; tries++) {
            int port = FIRST + ThreadLocalRandom.current().nextInt(COUNT);
            if (isFree(port) && HANDED_OUT.add(port)) {
                return port;
            }
        }
        throw new UncheckedIOException(new IOException("no free port on 127.0.0.1 in " + FIRST + "-"
                + (FIRST + COUNT - 1)));
    }

    public static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
