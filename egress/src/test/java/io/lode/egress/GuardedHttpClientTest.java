package io.lode.egress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;

/** Against a real HTTP server on loopback: limits on size and time hold, and the guard runs first. */
class GuardedHttpClientTest {

    private Vertx vertx;
    private HttpServer server;
    private int port;

    @BeforeEach
    void startServer() throws Exception {
        vertx = Vertx.vertx();
        server = vertx.createHttpServer().requestHandler(request -> {
            switch (request.path()) {
                case "/small" -> request.response().putHeader("content-type", "application/json").end("{\"ok\":true}");
                case "/big" -> request.response().setChunked(true).end("x".repeat(100_000));
                case "/slow" -> vertx.setTimer(5_000, id -> request.response().end("late"));
                case "/events" -> {
                    request.response().setChunked(true).putHeader("content-type", "text/event-stream");
                    request.response().write("data: 1\n\n");
                    vertx.setTimer(50, id -> request.response().end("data: 2\n\n"));
                }
                default -> request.response().setStatusCode(404).end();
            }
        }).listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        port = server.actualPort();
    }

    @AfterEach
    void stop() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void readsAReplyWithinLimits() throws Exception {
        GuardedHttpClient client = new GuardedHttpClient(vertx, new SsrfGuard(List.of("127.0.0.1")), 4);

        HttpReply reply = client.get(url("/small"), Map.of(), 1024, Duration.ofSeconds(5)).toCompletableFuture().get();

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.bodyText()).isEqualTo("{\"ok\":true}");
    }

    @Test
    void stopsReadingAtTheSizeLimit() {
        GuardedHttpClient client = new GuardedHttpClient(vertx, new SsrfGuard(List.of("127.0.0.1")), 4);

        assertThatThrownBy(() -> client.get(url("/big"), Map.of(), 10_000, Duration.ofSeconds(5))
                .toCompletableFuture().get()).isInstanceOf(ExecutionException.class)
                .hasCauseInstanceOf(GuardedHttpClient.ReplyTooLargeException.class);
    }

    @Test
    void showsTheBodyWhileItArrives() throws Exception {
        GuardedHttpClient client = new GuardedHttpClient(vertx, new SsrfGuard(List.of("127.0.0.1")), 4);
        List<String> seen = new java.util.concurrent.CopyOnWriteArrayList<>();

        HttpReply reply = client.post(url("/events"), Map.of(), new byte[0], 1024, Duration.ofSeconds(5),
                new GuardedHttpClient.BodyObserver() {
                    @Override
                    public boolean start(int status, String contentType) {
                        seen.add(status + " " + contentType);
                        return true;
                    }

                    @Override
                    public void chunk(byte[] bytes) {
                        seen.add(new String(bytes, java.nio.charset.StandardCharsets.UTF_8));
                    }
                }).toCompletableFuture().get(5, TimeUnit.SECONDS);

        assertThat(seen).containsExactly("200 text/event-stream", "data: 1\n\n", "data: 2\n\n");
        assertThat(reply.bodyText()).isEqualTo("data: 1\n\ndata: 2\n\n");
    }

    @Test
    void anObserverThatRefusesTheBodyFailsTheReply() {
        GuardedHttpClient client = new GuardedHttpClient(vertx, new SsrfGuard(List.of("127.0.0.1")), 4);

        assertThatThrownBy(() -> client.post(url("/events"), Map.of(), new byte[0], 1024, Duration.ofSeconds(5),
                new GuardedHttpClient.BodyObserver() {
                    @Override
                    public boolean start(int status, String contentType) {
                        return true;
                    }

                    @Override
                    public void chunk(byte[] bytes) {
                        throw new IllegalStateException("not an event I accept");
                    }
                }).toCompletableFuture().get(5, TimeUnit.SECONDS)).hasRootCauseMessage("not an event I accept");
    }

    @Test
    void givesUpAtTheDeadline() {
        GuardedHttpClient client = new GuardedHttpClient(vertx, new SsrfGuard(List.of("127.0.0.1")), 4);

        assertThatThrownBy(() -> client.get(url("/slow"), Map.of(), 1024, Duration.ofMillis(300))
                .toCompletableFuture().get(3, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                .hasCauseInstanceOf(TimeoutException.class);
    }

    @Test
    void refusesLoopbackWithoutTheAllowList() {
        GuardedHttpClient client = new GuardedHttpClient(vertx, new SsrfGuard(List.of()), 4);

        assertThatThrownBy(() -> client.get(url("/small"), Map.of(), 1024, Duration.ofSeconds(5))
                .toCompletableFuture().get()).hasCauseInstanceOf(BlockedDestinationException.class);
    }

    private URI url(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }
}
