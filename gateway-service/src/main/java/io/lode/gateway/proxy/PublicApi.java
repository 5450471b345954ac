package io.lode.gateway.proxy;

import java.io.IOException;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The public API called by the gateway's own protocol endpoints (A2A, MCP) on a caller's behalf: JSON in, JSON out,
 * and an answer of 300 or more as an {@link ApiProblem} with the problem the service gave — so those endpoints decide
 * nothing the API does not, and report its refusals in their own protocol's words.
 */
@ApplicationScoped
public class PublicApi {

    /** The API refused: its status and its problem+json body (type, title, detail). */
    public static final class ApiProblem extends RuntimeException {
        private final int status;
        private final transient JsonNode problem;

        ApiProblem(int status, JsonNode problem) {
            super(problem.path("title").asText("HTTP " + status) + ": " + problem.path("detail").asText(""));
            this.status = status;
            this.problem = problem;
        }

        public int status() {
            return status;
        }

        public JsonNode problem() {
            return problem;
        }
    }

    private static final java.util.regex.Pattern TASK_ID = java.util.regex.Pattern.compile("tsk_[0-9a-f]{1,64}");

    private final ReverseProxy proxy;
    private final ObjectMapper json;

    /**
     * Whether {@code taskId} is one the API gives out: a protocol endpoint puts only those into a path, so no caller
     * text ({@code ..}, an encoded slash) ever shapes a backend's URL.
     */
    public static boolean isTaskId(String taskId) {
        return taskId != null && TASK_ID.matcher(taskId).matches();
    }

    public PublicApi(ReverseProxy proxy, ObjectMapper json) {
        this.proxy = proxy;
        this.json = json;
    }

    /**
     * {@code method uri} as {@code accountId} to the service behind {@code prefix}; {@code waits}: a long-poll, on
     * the waiting pool.
     */
    public Future<JsonNode> call(RoutingContext ctx, String prefix, HttpMethod method, String uri, String accountId,
                                 Map<String, String> headers, JsonNode body, boolean waits) {
        return proxy.call(ctx, prefix, method, uri, accountId, headers,
                        body == null ? null : Buffer.buffer(body.toString()), waits)
                .compose(response -> response.body().map(bytes -> {
                    JsonNode answer;
                    try {
                        answer = bytes.length() == 0 ? json.createObjectNode() : json.readTree(bytes.getBytes());
                    } catch (IOException e) {
                        answer = json.createObjectNode().put("title", "Bad gateway").put("detail",
                                "the service answered " + response.statusCode() + " with a body that is not JSON");
                        throw new ApiProblem(502, answer);
                    }
                    if (response.statusCode() >= 300) {
                        throw new ApiProblem(response.statusCode(), answer);
                    }
                    return answer;
                }));
    }
}
