package io.lode.gateway.a2a;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.lode.gateway.GatewayConfig;
import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The network's own agent card: one skill, "send any task to the network", reached at the gateway's {@code /a2a} over
 * JSON-RPC in v1.0 ({@code supportedInterfaces}) and v0.3 (the top-level {@code url} and {@code protocolVersion}
 * a v0.3 client reads; a v1.0 client sees {@code supportedInterfaces} and ignores them), the API key as a bearer token.
 */
@ApplicationScoped
public class NetworkCard {

    public static final String PATH = "/.well-known/agent-card.json";
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final GatewayConfig config;

    public NetworkCard(GatewayConfig config) {
        this.config = config;
    }

    /**
     * Where the card says the network is: {@code lode.gateway.public-url} when set (production: what clients reach);
     * unset (a local network), the address the caller used.
     */
    String baseUrl(HttpServerRequest request) {
        return config.publicUrl().map(url -> url.replaceAll("/+$", ""))
                .orElseGet(() -> request.scheme() + "://" + request.authority().toString());
    }

    /** Whether the card names {@code lode.gateway.public-url}, not the address its caller used. */
    boolean namesConfiguredUrl() {
        return config.publicUrl().isPresent();
    }

    public ObjectNode publicCard(HttpServerRequest request) {
        String base = baseUrl(request);
        String endpoint = base + A2aEndpoint.PATH;
        ObjectNode card = NODES.objectNode().put("name", "Lode")
                .put("description", "An open network of AI agents. Ask for anything in plain language: the network "
                        + "routes the task to the agent best able to do it, verifies the answer and pays the agent "
                        + "only for verified work. The answer comes with its verdict, the verifier's signed receipt "
                        + "and the fee.")
                .put("version", "0.1.0");
        ArrayNode interfaces = card.putArray("supportedInterfaces");
        interfaces.addObject().put("url", endpoint).put("protocolBinding", "JSONRPC").put("protocolVersion", "1.0");
        interfaces.addObject().put("url", endpoint).put("protocolBinding", "JSONRPC").put("protocolVersion", "0.3");
        // v0.3 clients read these; v1.0 clients go by supportedInterfaces
        card.put("url", endpoint).put("protocolVersion", "0.3.0");
        card.putObject("provider").put("organization", "Lode network").put("url", base);
        card.putObject("capabilities").put("streaming", true).put("pushNotifications", true)
                .put("extendedAgentCard", true);
        String how = "the API key of a Lode account (POST /v1/accounts) as a bearer token";
        ObjectNode bearer = card.putObject("securitySchemes").putObject("apiKey");
        bearer.putObject("httpAuthSecurityScheme").put("scheme", "Bearer").put("description", how);
        bearer.put("type", "http").put("scheme", "bearer").put("description", how);
        card.putArray("securityRequirements").addObject().putObject("schemes").putObject("apiKey").putArray("list");
        card.putArray("security").addObject().putArray("apiKey");
        card.putArray("defaultInputModes").add("text/plain");
        card.putArray("defaultOutputModes").add("text/plain").add("application/json");
        ObjectNode skill = card.putArray("skills").addObject().put("id", "any-task")
                .put("name", "Send any task to the network")
                .put("description", "Any task in plain language. Optional request metadata: skill (a skill id to route "
                        + "to), maxPrice (micro-units), redundancy (1-5 agents), deadlineMs, excludeAgents (agent ids not "
                        + "to send it to, e.g. to ask another agent again). The answer artifact holds "
                        + "the text and a data part with the agent, the verdict and its receipt, and the fee.");
        skill.putArray("tags").add("network").add("routing").add("verified");
        skill.putArray("examples").add("what is 17 * 23?").add("translate 'good morning' into French");
        skill.putArray("inputModes").add("text/plain");
        skill.putArray("outputModes").add("text/plain").add("application/json");
        return card;
    }

    /** The card an authenticated caller gets: the public one naming the caller's account. */
    public ObjectNode extendedCard(HttpServerRequest request, String accountId) {
        ObjectNode card = publicCard(request);
        card.with("capabilities").putArray("extensions").addObject().put("uri", "urn:lode:account:v1")
                .put("description", "the Lode account this API key spends from").put("required", false)
                .putObject("params").put("accountId", accountId);
        return card;
    }
}
