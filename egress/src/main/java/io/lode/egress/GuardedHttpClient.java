package io.lode.egress;

import java.net.InetAddress;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;

/**
 * The only HTTP client that may call a URL a user gave us (agent cards, agent endpoints). It resolves the
 * host once, checks that address with the {@link SsrfGuard}, connects to exactly that address (so DNS
 * rebinding cannot swap it), follows no redirects, and bounds both the reply size and the total time.
 */
public final class GuardedHttpClient {

    private final Vertx vertx;
    private final HttpClient client;
    private final SsrfGuard guard;

    public GuardedHttpClient(Vertx vertx, SsrfGuard guard, int maxConnectionsPerHost) {
        this.vertx = vertx;
        this.guard = guard;
        this.client = vertx.createHttpClient(new HttpClientOptions()
                .setConnectTimeout(5_000)
                .setKeepAlive(true)
                .setMaxPoolSize(maxConnectionsPerHost)
                .setVerifyHost(true)
                // Calls leave the network: no trace context goes with them. A traceparent on consumers' tasks and
                // none (or another) on honeypots would let an agent tell the two apart.
                .setTracingPolicy(io.vertx.core.tracing.TracingPolicy.IGNORE));
    }

    public CompletionStage<HttpReply> get(URI uri, Map<String, String> headers, int maxBytes, Duration timeout) {
        return send(HttpMethod.GET, uri, headers, null, maxBytes, timeout, null);
    }

    public CompletionStage<HttpReply> post(URI uri, Map<String, String> headers, byte[] body, int maxBytes,
                                           Duration timeout) {
        return send(HttpMethod.POST, uri, headers, body, maxBytes, timeout, null);
    }

    /**
     * A POST whose reply body is also shown to {@code observer} as it arrives (a stream of events), under the same
     * bounds: the size limit counts every byte, the timeout is for the whole reply.
     */
    public CompletionStage<HttpReply> post(URI uri, Map<String, String> headers, byte[] body, int maxBytes,
                                           Duration timeout, BodyObserver observer) {
        return send(HttpMethod.POST, uri, headers, body, maxBytes, timeout, observer);
    }

    /** Sees a reply while it arrives. An exception thrown here fails the reply and closes the connection. */
    public interface BodyObserver {
        /** Called once, before the body; returns whether {@link #chunk} should see the body. */
        boolean start(int status, String contentType);

        void chunk(byte[] bytes);
    }

    private CompletionStage<HttpReply> send(HttpMethod method, URI uri, Map<String, String> headers, byte[] body,
                                            int maxBytes, Duration timeout, BodyObserver observer) {
        CompletableFuture<HttpReply> reply = new CompletableFuture<>();
        InetAddress address;
        try {
            address = guard.resolve(uri);
        } catch (BlockedDestinationException e) {
            return CompletableFuture.failedFuture(e);
        }
        boolean https = "https".equalsIgnoreCase(uri.getScheme());
        int port = uri.getPort() != -1 ? uri.getPort() : https ? 443 : 80;
        String path = (uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath())
                + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        RequestOptions options = new RequestOptions()
                .setMethod(method)
                .setServer(SocketAddress.inetSocketAddress(port, address.getHostAddress()))
                .setHost(uri.getHost())
                .setPort(port)
                .setSsl(https)
                .setURI(path)
                .setFollowRedirects(false);
        headers.forEach(options::putHeader);

        long timer = vertx.setTimer(timeout.toMillis(), id -> reply.completeExceptionally(
                new TimeoutException("no complete reply from " + uri.getHost() + " within " + timeout.toMillis() + " ms")));
        reply.whenComplete((r, e) -> vertx.cancelTimer(timer));

        client.request(options).onFailure(reply::completeExceptionally).onSuccess(request -> {
            reply.whenComplete((r, e) -> {
                if (e != null) {
                    request.reset();
                }
            });
            request.response().onFailure(reply::completeExceptionally)
                    .onSuccess(response -> readBounded(response, maxBytes, reply, observer));
            if (body == null) {
                request.end();
            } else {
                request.end(Buffer.buffer(body));
            }
        });
        return reply;
    }

    private static void readBounded(HttpClientResponse response, int maxBytes, CompletableFuture<HttpReply> reply,
                                    BodyObserver observer) {
        String declared = response.getHeader("content-length");
        if (declared != null && declared.matches("\\d{1,18}") && Long.parseLong(declared) > maxBytes) {
            reply.completeExceptionally(new ReplyTooLargeException("reply declares " + declared
                    + " bytes, more than the limit of " + maxBytes));
            return;
        }
        Buffer received = Buffer.buffer();
        AtomicBoolean failed = new AtomicBoolean();
        boolean observed;
        try {
            observed = observer != null && observer.start(response.statusCode(), response.getHeader("content-type"));
        } catch (RuntimeException e) {
            reply.completeExceptionally(e);
            return;
        }
        response.handler(chunk -> {
            if (failed.get()) {
                return;
            }
            if (received.length() + chunk.length() > maxBytes) {
                failed.set(true);
                reply.completeExceptionally(new ReplyTooLargeException("reply exceeds the limit of " + maxBytes
                        + " bytes"));
                return;
            }
            received.appendBuffer(chunk);
            if (observed) {
                try {
                    observer.chunk(chunk.getBytes());
                } catch (RuntimeException e) {
                    failed.set(true);
                    reply.completeExceptionally(e);
                }
            }
        });
        response.exceptionHandler(reply::completeExceptionally);
        response.endHandler(done -> {
            if (!failed.get()) {
                reply.complete(new HttpReply(response.statusCode(), response.getHeader("content-type"),
                        received.getBytes()));
            }
        });
    }

    public void close() {
        client.close();
    }

    /** A reply larger than the caller allowed. */
    public static final class ReplyTooLargeException extends RuntimeException {
        public ReplyTooLargeException(String message) {
            super(message);
        }
    }
}
