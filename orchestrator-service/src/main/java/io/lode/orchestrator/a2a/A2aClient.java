package io.lode.orchestrator.a2a;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.lode.egress.GuardedHttpClient;
import io.lode.egress.HttpReply;
import io.lode.egress.SsrfGuard;
import io.lode.orchestrator.OrchestratorConfig;
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

    public A2aClient(Vertx vertx, OrchestratorConfig config) {
        this.http = new GuardedHttpClient(vertx, new SsrfGuard(config.egressAllowList().orElse(java.util.List.of())), config.maxConnectionsPerAgent());
        this.maxReplyBytes = config.maxReplyBytes();
    }

    /** The exchange with the agent: the request sent and, on success, the raw reply and its text answer. */
    public record Exchange(byte[] request, byte[] reply, String answer) {
    }

    public CompletionStage<Exchange> send(String endpoint, String protocolVersion, String text, Duration timeout) {
        byte[] request;
        long requestId = requestIds.incrementAndGet();
        try {
            request = JSON.writeValueAsBytes(A2aMessages.sendMessage(protocolVersion, requestId, text));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        Map<String, String> headers = A2aMessages.isLegacy(protocolVersion)
                ? Map.of("content-type", "application/json", "accept", "application/json")
                : Map.of("content-type", "application/json", "accept", "application/json", "A2A-Version", "1.0");
        return http.post(URI.create(endpoint), headers, request, maxReplyBytes, timeout)
                .thenApply(reply -> new Exchange(request, reply.body(), answer(reply, requestId)));
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
        String answer = A2aMessages.answerText(json);
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
