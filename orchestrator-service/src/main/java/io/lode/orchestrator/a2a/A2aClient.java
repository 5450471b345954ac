package io.lode.orchestrator.a2a;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.lode.a2a.SseDecoder;
import io.lode.a2a.A2aMessages;
import io.lode.egress.GuardedHttpClient;
import io.lode.egress.HttpReply;
import io.lode.egress.SsrfGuard;
import io.lode.orchestrator.OrchestratorConfig;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.vertx.core.Vertx;
import jakarta.annotation.PreDestroy;
import io.lode.events.EventLimits;
import jakarta.enterprise.context.ApplicationScoped;

/** Calls agents over A2A JSON-RPC through the guarded client, with the protocol version their card names. */
@ApplicationScoped
public class A2aClient {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final GuardedHttpClient http;
    private final int maxReplyBytes;
    private final AtomicLong requestIds = new AtomicLong();
    private final Tracer tracer;

    public A2aClient(Vertx vertx, OrchestratorConfig config, Tracer tracer) {
        this.http = new GuardedHttpClient(vertx, new SsrfGuard(config.egressAllowList().orElse(java.util.List.of())), config.maxConnectionsPerAgent());
        this.maxReplyBytes = config.maxReplyBytes();
        this.tracer = tracer;
    }

    /** The exchange with the agent: the request sent and, on success, the raw reply and its text answer. */
    public record Exchange(byte[] request, byte[] reply, String answer) {
    }

    /**
     * Sends the text, and a data part after it when {@code data} (JSON, written by the verifier: a review request) is
     * not null; a streaming call ({@code streaming}, when the agent's card says so) shows {@code partials} each piece
     * of text as it arrives, on the thread that reads the reply. Size limit and timeout cover the whole reply.
     */
    public CompletionStage<Exchange> send(String endpoint, String protocolVersion, boolean streaming, String text,
                                          String data, Duration timeout, Consumer<String> partials) {
        // The call is a span of the task's trace, but its context is never sent: a trace shared by a consumer's
        // tasks and absent from honeypots would tell the agent which is which.
        Span span = tracer.spanBuilder("a2a " + (streaming ? "SendStreamingMessage" : "SendMessage"))
                .setSpanKind(SpanKind.CLIENT).setAttribute("server.address", URI.create(endpoint).getHost())
                .setAttribute("a2a.protocol.version", protocolVersion).startSpan();
        try {
            return call(endpoint, protocolVersion, streaming, text, data, timeout, partials).whenComplete((done, error) -> {
                if (error != null) {
                    span.setStatus(StatusCode.ERROR, error.getClass().getSimpleName());
                }
                span.end();
            });
        } catch (RuntimeException e) {
            span.setStatus(StatusCode.ERROR, e.getClass().getSimpleName());
            span.end();
            throw e;
        }
    }

    private CompletionStage<Exchange> call(String endpoint, String protocolVersion, boolean streaming, String text,
                                           String data, Duration timeout, Consumer<String> partials) {
        byte[] request;
        long requestId = requestIds.incrementAndGet();
        try {
            request = JSON.writeValueAsBytes(A2aMessages.sendMessage(protocolVersion, streaming, requestId, text,
                    data == null ? null : JSON.readTree(data)));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        Map<String, String> headers = new HashMap<>(Map.of("content-type", "application/json",
                "accept", streaming ? "text/event-stream" : "application/json"));
        if (!A2aMessages.isLegacy(protocolVersion)) {
            headers.put("A2A-Version", "1.0");
        }
        if (!streaming) {
            return http.post(URI.create(endpoint), headers, request, maxReplyBytes, timeout)
                    .thenApply(reply -> new Exchange(request, reply.body(), checked(answer(reply, requestId))));
        }
        EventStream stream = new EventStream(new A2aStream(requestId, partials));
        return http.post(URI.create(endpoint), headers, request, maxReplyBytes, timeout, stream)
                .thenApply(reply -> new Exchange(request, reply.body(),
                        // An agent may refuse a stream with a plain JSON-RPC reply (an error, usually): read it as one.
                        checked(stream.started ? stream.answer() : answer(reply, requestId))));
    }

    /** Feeds an SSE reply to its {@link A2aStream}; any other reply is left to be read whole. */
    private static final class EventStream implements GuardedHttpClient.BodyObserver {
        private final A2aStream stream;
        private final SseDecoder decoder;
        private volatile boolean started;

        EventStream(A2aStream stream) {
            this.stream = stream;
            this.decoder = SseDecoder.ofData(stream::accept);
        }

        @Override
        public boolean start(int status, String contentType) {
            started = status == 200 && contentType != null
                    && contentType.toLowerCase(Locale.ROOT).startsWith("text/event-stream");
            return started;
        }

        @Override
        public void chunk(byte[] bytes) {
            decoder.feed(bytes);
        }

        String answer() {
            decoder.finish();
            return stream.answer();
        }
    }

    private static String answer(HttpReply reply, long requestId) {
        if (reply.status() != 200) {
            throw new A2aMessages.A2aException("agent answered HTTP " + reply.status());
        }
        JsonNode json;
        try {
            json = JSON.readTree(reply.body());
        } catch (IOException e) {
            throw new A2aMessages.A2aException("agent reply is not JSON: "
                    + new String(reply.body(), 0, Math.min(reply.body().length, 80), StandardCharsets.UTF_8));
        }
        // A reply to another request (another task's, or a replayed one) is not this task's answer.
        if (!json.path("id").isIntegralNumber() || json.path("id").asLong() != requestId) {
            throw new A2aMessages.A2aException("reply answers JSON-RPC request " + json.path("id")
                    + ", not " + requestId);
        }
        return A2aMessages.answerText(json);
    }

    /**
     * An answer Lode can keep: bounded, and without a NUL (no PostgreSQL text holds one; such an answer used to be lost
     * with the task left to expire). Otherwise the call failed, with the reason: the task goes on to the next agent.
     */
    private static String checked(String answer) {
        if (answer.indexOf('\u0000') >= 0) {
            throw new A2aMessages.A2aException("the answer holds a NUL character, which cannot be stored");
        }
        if (answer.length() > EventLimits.MAX_ANSWER_CHARS) {
            throw new A2aMessages.A2aException("answer of " + answer.length() + " characters is longer than "
                    + EventLimits.MAX_ANSWER_CHARS);
        }
        return answer;
    }

    @PreDestroy
    void close() {
        http.close();
    }
}
