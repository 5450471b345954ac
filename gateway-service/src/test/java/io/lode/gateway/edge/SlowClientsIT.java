package io.lode.gateway.edge;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.HttpServer;

import io.lode.testsupport.infra.FreePorts;
import io.lode.testsupport.infra.LodeServiceTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;

/**
 * Slow clients against the real gateway, over raw sockets: a client that trickles its headers, sends half a body or
 * only holds a connection open is answered 408 (or, idle, closed) within the deadlines, while an answer that takes
 * longer than both is still delivered; requests the HTTP codec refuses (request line or headers too long, not HTTP)
 * are problem+json like every other error; one account's slow requests in flight are bounded, and do not hold
 * another's up.
 */
@QuarkusTest
@TestProfile(SlowClientsIT.ShortDeadlines.class)
@QuarkusTestResource(value = LodeServiceTestResource.class, initArgs = @ResourceArg(name = "database", value = "gateway"))
class SlowClientsIT {

    static final Duration HEADER = Duration.ofSeconds(2);
    static final Duration BODY = Duration.ofSeconds(3);
    /** The slow backend answers after both deadlines have passed. */
    static final Duration SLOW_ANSWER = Duration.ofSeconds(5);
    static final int CONCURRENT = 3;

    @Test
    void aClientTricklingItsHeadersIsAnswered408WithinTheHeaderDeadline() throws Exception {
        try (Socket socket = connect()) {
            OutputStream out = socket.getOutputStream();
            out.write("GET /v1/agents HTTP/1.1\r\nHost: x\r\n".getBytes(StandardCharsets.US_ASCII));
            AtomicInteger sent = new AtomicInteger();
            long start = System.nanoTime();
            // one header line every 300 ms, for ever: it never stays idle, so only a deadline can close it
            ScheduledExecutorService trickle = Executors.newSingleThreadScheduledExecutor();
            try {
                trickle.scheduleAtFixedRate(() -> {
                    try {
                        out.write(("X-Slow-" + sent.incrementAndGet() + ": y\r\n").getBytes(StandardCharsets.US_ASCII));
                    } catch (IOException closed) {
                        throw new IllegalStateException(closed);
                    }
                }, 300, 300, TimeUnit.MILLISECONDS);
                String reply = readUntilClosed(socket);
                Duration took = Duration.ofNanos(System.nanoTime() - start);
                assertThat(reply).startsWith("HTTP/1.1 408").contains("application/problem+json")
                        .contains("/problems/request-timeout");
                assertThat(took).isGreaterThanOrEqualTo(HEADER.minusMillis(100)).isLessThan(HEADER.plusSeconds(3));
                assertThat(sent.get()).as("header lines trickled before the close").isGreaterThanOrEqualTo(4);
            } finally {
                trickle.shutdownNow();
            }
        }
    }

    @Test
    void anIdleConnectionIsClosedWithoutAWordAndAnIdleKeepAliveOneToo() throws Exception {
        try (Socket socket = connect()) {
            long start = System.nanoTime();
            assertThat(readUntilClosed(socket)).isEmpty();
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(HEADER.plusSeconds(3));
        }
        try (Socket socket = connect()) {
            // two answers on one connection within the deadline, then it is closed once idle for the deadline
            for (int i = 0; i < 2; i++) {
                send(socket, "GET /v1/agents/agt_none HTTP/1.1\r\nHost: x\r\n\r\n");
                assertThat(readResponse(socket)).startsWith("HTTP/1.1 ").contains("application/problem+json");
            }
            long start = System.nanoTime();
            assertThat(readUntilClosed(socket)).isEmpty();
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(HEADER.minusMillis(100));
        }
    }

    @Test
    void halfABodyIsAnswered408WithinTheBodyDeadline() throws Exception {
        try (Socket socket = connect()) {
            long start = System.nanoTime();
            send(socket, "POST /v1/agents HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                    + "Content-Length: 100\r\n\r\n{\"card\":");
            String reply = readUntilClosed(socket);
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            assertThat(reply).startsWith("HTTP/1.1 408").contains("application/problem+json")
                    .contains("/problems/request-timeout").contains("body");
            assertThat(took).isGreaterThanOrEqualTo(BODY.minusMillis(100)).isLessThan(BODY.plusSeconds(3));
        }
    }

    @Test
    void anAnswerSlowerThanBothDeadlinesIsStillDelivered() throws Exception {
        try (Socket socket = connect()) {
            long start = System.nanoTime();
            send(socket, "GET /v1/epochs/slow HTTP/1.1\r\nHost: x\r\n\r\n");
            String reply = readResponse(socket);
            assertThat(reply).startsWith("HTTP/1.1 200").endsWith("slow but sure");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(SLOW_ANSWER.minusMillis(100));
        }
    }

    @Test
    void requestsTheCodecRefusesAreProblems() throws Exception {
        assertThat(exchange("GET /v1/agents?q=" + "a".repeat(5_000) + " HTTP/1.1\r\nHost: x\r\n\r\n"))
                .startsWith("HTTP/1.1 414").contains("application/problem+json").contains("/problems/uri-too-long");
        assertThat(exchange("GET /v1/agents HTTP/1.1\r\nHost: x\r\nX-Big: " + "b".repeat(30_000) + "\r\n\r\n"))
                .startsWith("HTTP/1.1 431").contains("application/problem+json")
                .contains("/problems/headers-too-large");
        assertThat(exchange("GET /v1/agents HTTP/1.1\r\nHost: x\r\nno colon here\r\n\r\n")).startsWith("HTTP/1.1 400")
                .contains("application/problem+json").contains("/problems/bad-request");
    }

    @Test
    void anAccountMayHaveOnlySoManyRequestsInFlightAndAnotherIsNotHeldUp() throws Exception {
        String key = newKey();
        String other = newKey();
        java.util.concurrent.ExecutorService clients = Executors.newFixedThreadPool(CONCURRENT + 1);
        try {
            List<java.util.concurrent.Future<Integer>> slow = new java.util.ArrayList<>();
            for (int i = 0; i < CONCURRENT; i++) {
                slow.add(clients.submit(() -> slowRequest(key)));
            }
            // once the slow ones are in flight, the next one of that account is refused at once …
            await().atMost(Duration.ofSeconds(4)).untilAsserted(() -> {
                io.restassured.response.Response refused = given().header("Authorization", "Bearer " + key)
                        .get("/v1/epochs/slow");
                assertThat(refused.statusCode()).isEqualTo(429);
                assertThat(refused.contentType()).startsWith("application/problem+json");
                assertThat(refused.jsonPath().getString("type")).endsWith("/too-many-concurrent-requests");
                assertThat(refused.header("Retry-After")).isEqualTo("1");
            });
            // … while another account's request goes through
            java.util.concurrent.Future<Integer> others = clients.submit(() -> slowRequest(other));
            assertThat(others.get(20, TimeUnit.SECONDS)).isEqualTo(200);
            for (java.util.concurrent.Future<Integer> request : slow) {
                assertThat(request.get(20, TimeUnit.SECONDS)).isEqualTo(200);
            }
            // the allowance comes back when the answers end
            assertThat(slowRequest(key)).isEqualTo(200);
        } finally {
            clients.shutdownNow();
        }
    }

    private static int slowRequest(String key) {
        return given().header("Authorization", "Bearer " + key).get("/v1/epochs/slow").statusCode();
    }

    private static String newKey() {
        return given().post("/v1/accounts").then().statusCode(201).extract().path("apiKey");
    }

    /** The gateway's own resources refuse an oversized body as problem+json too. */
    @Test
    void anOversizedBodyToTheGatewaysOwnResourcesIsAProblem() throws Exception {
        io.restassured.response.Response response = given().contentType("application/json")
                .body("{\"pad\":\"" + "x".repeat(300_000) + "\"}").post("/v1/accounts");
        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.jsonPath().getString("type")).endsWith("/body-too-large");
    }

    private static String exchange(String request) throws IOException {
        try (Socket socket = connect()) {
            send(socket, request);
            return readUntilClosed(socket);
        }
    }

    private static Socket connect() throws IOException {
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress("127.0.0.1", RestAssured.port), 5_000);
        socket.setSoTimeout(15_000);
        return socket;
    }

    private static void send(Socket socket, String text) throws IOException {
        socket.getOutputStream().write(text.getBytes(StandardCharsets.ISO_8859_1));
        socket.getOutputStream().flush();
    }

    /** Everything until the gateway closes the connection (a read timeout fails the test). */
    private static String readUntilClosed(Socket socket) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        InputStream in = socket.getInputStream();
        byte[] chunk = new byte[8_192];
        try {
            for (int n; (n = in.read(chunk)) >= 0; ) {
                all.write(chunk, 0, n);
            }
        } catch (java.net.SocketException reset) {
            // a reset after the answer still ends the connection
        } catch (SocketTimeoutException stillOpen) {
            throw new AssertionError("the gateway left the connection open; read so far: " + all, stillOpen);
        }
        return all.toString(StandardCharsets.UTF_8);
    }

    /** One response with a content-length body, leaving the connection open. */
    private static String readResponse(Socket socket) throws IOException {
        InputStream in = socket.getInputStream();
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new AssertionError("closed before the headers ended: " + head);
            }
            head.write(b);
        }
        String headers = head.toString(StandardCharsets.ISO_8859_1);
        int length = headers.lines().filter(line -> line.toLowerCase().startsWith("content-length:"))
                .mapToInt(line -> Integer.parseInt(line.substring(15).strip())).findFirst()
                .orElseThrow(() -> new AssertionError("no content-length: " + headers));
        return headers + new String(in.readNBytes(length), StandardCharsets.UTF_8);
    }

    /**
     * Short deadlines; the reward route goes to a backend that answers {@code /v1/epochs/slow} after
     * {@link #SLOW_ANSWER}, every other route to nobody.
     */
    public static class ShortDeadlines implements QuarkusTestProfile {
        private static final AtomicBoolean STARTED = new AtomicBoolean();
        private static final int SLOW_PORT = FreePorts.any();

        @Override
        public Map<String, String> getConfigOverrides() {
            startSlowBackend();
            String nowhere = "http://127.0.0.1:" + FreePorts.any();
            return Map.of("lode.gateway.rate-limit.concurrent-per-account", Integer.toString(CONCURRENT),
                    "lode.gateway.timeouts.header", HEADER.toMillis() + "ms",
                    "lode.gateway.timeouts.body", BODY.toMillis() + "ms", "lode.gateway.ledger-wait", "0s",
                    "lode.gateway.backends.orchestrator", nowhere, "lode.gateway.backends.registry", nowhere,
                    "lode.gateway.backends.verifier", nowhere,
                    "lode.gateway.backends.reward", "http://127.0.0.1:" + SLOW_PORT);
        }

        private static void startSlowBackend() {
            if (!STARTED.compareAndSet(false, true)) {
                return;
            }
            try {
                HttpServer backend = HttpServer.create(new InetSocketAddress("127.0.0.1", SLOW_PORT), 16);
                ScheduledExecutorService later = Executors.newSingleThreadScheduledExecutor(runnable -> {
                    Thread thread = new Thread(runnable, "slow-backend");
                    thread.setDaemon(true);
                    return thread;
                });
                backend.createContext("/v1/epochs/slow", exchange -> later.schedule(() -> {
                    byte[] body = "slow but sure".getBytes(StandardCharsets.UTF_8);
                    exchange.getResponseHeaders().add("content-type", "text/plain");
                    exchange.sendResponseHeaders(200, body.length);
                    exchange.getResponseBody().write(body);
                    exchange.close();
                    return null;
                }, SLOW_ANSWER.toMillis(), TimeUnit.MILLISECONDS));
                backend.setExecutor(Executors.newCachedThreadPool(runnable -> {
                    Thread thread = new Thread(runnable, "slow-backend-accept");
                    thread.setDaemon(true);
                    return thread;
                }));
                backend.start();
            } catch (IOException e) {
                throw new IllegalStateException("cannot start the slow backend", e);
            }
        }
    }
}
