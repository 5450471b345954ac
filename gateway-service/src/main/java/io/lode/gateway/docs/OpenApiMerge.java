package io.lode.gateway.docs;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.lode.gateway.proxy.Route;

/**
 * Merges the services' OpenAPI documents into the one public document of the gateway: only the paths the gateway
 * routes (never a service's admin or management paths), the API-key requirement on routes that need one, and the
 * schemas of every service — a name two services define differently is qualified with the service's name.
 */
final class OpenApiMerge {

    static final String API_KEY_SCHEME = "apiKey";
    static final String AGENT_PROOF_SCHEME = "agentProof";
    static final String AUDITOR_SCHEME = "auditorToken";
    static final String ADMIN_SCHEME = "adminToken";
    private static final String PROBLEM = "Problem";
    private static final java.util.Set<String> HTTP_METHODS = java.util.Set.of("get", "put", "post", "delete",
            "patch", "head", "options");
    /** Set by the gateway for the backends (and believed only with its proof): never a caller's to send. */
    private static final java.util.Set<String> INTERNAL_HEADERS = java.util.Set.of("x-lode-account",
            "x-lode-gateway-proof", "x-forwarded-for");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SCHEMA_REF = "#/components/schemas/";

    private OpenApiMerge() {
    }

    /**
     * @param gateway the gateway's own document (its /v1 paths are public as they are)
     * @param services each service's document by service name; a service that did not answer is absent
     */
    static ObjectNode merge(JsonNode gateway, Map<String, JsonNode> services, List<Route> routes,
                            List<String> unavailable) {
        ObjectNode merged = JSON.createObjectNode();
        merged.put("openapi", gateway.path("openapi").asText("3.1.0"));
        merged.set("info", JSON.createObjectNode().put("title", "Lode API").put("version",
                gateway.at("/info/version").asText("0.1.0")).put("description", "The public API of a Lode network, "
                + "as the gateway serves it: one document for every service behind it."));
        ObjectNode paths = merged.putObject("paths");
        ObjectNode schemas = JSON.createObjectNode();
        merged.putArray("servers").addObject().put("url", "/").put("description", "the gateway that served this "
                + "document");
        add(gateway, "gateway-service", path -> path.startsWith("/v1/"), false, paths, schemas);
        for (Route route : routes) {
            JsonNode document = services.get(route.service());
            if (document != null) {
                add(document, route.service(), route::serves, route.authenticated(), paths, schemas);
            }
        }
        ObjectNode components = merged.putObject("components");
        schemas.set(PROBLEM, problemSchema());
        components.set("schemas", used(paths, schemas));
        ObjectNode schemes = components.putObject("securitySchemes");
        schemes.set(API_KEY_SCHEME, JSON.createObjectNode().put("type", "http").put("scheme", "bearer")
                .put("description", "The API key of POST /v1/accounts"));
        schemes.set(AGENT_PROOF_SCHEME, JSON.createObjectNode().put("type", "apiKey").put("in", "header")
                .put("name", "X-Lode-Agent-Proof").put("description", "A proof signed with the agent key the account "
                        + "belongs to, for this very request (see the README)"));
        schemes.set(AUDITOR_SCHEME, JSON.createObjectNode().put("type", "http").put("scheme", "bearer")
                .put("description", "The auditor's token (reads only) or the operator's admin token"));
        schemes.set(ADMIN_SCHEME, JSON.createObjectNode().put("type", "http").put("scheme", "bearer")
                .put("description", "The operator's admin token"));
        if (!unavailable.isEmpty()) {
            ArrayNode missing = merged.putArray("x-lode-unavailable");
            unavailable.forEach(missing::add);
        }
        return merged;
    }

    private static void add(JsonNode document, String service, java.util.function.Predicate<String> routed,
                            boolean authenticated, ObjectNode paths, ObjectNode schemas) {
        JsonNode renamed = qualifyClashes(document, service, schemas);
        renamed.path("components").path("schemas").properties().forEach(s -> schemas.set(s.getKey(), s.getValue()));
        for (Map.Entry<String, JsonNode> path : renamed.path("paths").properties()) {
            if (!routed.test(path.getKey()) || paths.has(path.getKey())) {
                continue;
            }
            ObjectNode item = path.getValue().deepCopy();
            item.properties().forEach(operation -> {
                if (operation.getValue() instanceof ObjectNode op && HTTP_METHODS.contains(operation.getKey())) {
                    op.set("security", security(path.getKey(), operation.getKey(), authenticated));
                    tellTheTruth(path.getKey(), operation.getKey(), op);
                }
            });
            paths.set(path.getKey(), item);
        }
    }

    /**
     * What a caller of the public API sees, not what a backend sees: the headers only the gateway sets are not
     * parameters; each operation has an id; an event stream answers 200 text/event-stream (a void JAX-RS method is
     * documented as 204); every error is a problem+json document.
     */
    private static void tellTheTruth(String path, String method, ObjectNode operation) {
        if (operation.get("parameters") instanceof com.fasterxml.jackson.databind.node.ArrayNode parameters) {
            for (int i = parameters.size() - 1; i >= 0; i--) {
                JsonNode parameter = parameters.get(i);
                if (parameter.path("in").asText().equals("header")
                        && INTERNAL_HEADERS.contains(parameter.path("name").asText().toLowerCase(java.util.Locale.ROOT))) {
                    parameters.remove(i);
                }
            }
            if (parameters.isEmpty()) {
                operation.remove("parameters");
            }
        }
        if (!operation.hasNonNull("operationId")) {
            operation.put("operationId", operationId(method, path));
        }
        ObjectNode responses = operation.has("responses") && operation.get("responses").isObject()
                ? (ObjectNode) operation.get("responses") : operation.putObject("responses");
        if (path.endsWith("/events") && method.equals("get")) {
            responses.remove("204");
            responses.putObject("200").put("description", "Server-Sent Events of the task, numbered (the SSE id); "
                    + "resume with Last-Event-ID").putObject("content").putObject("text/event-stream")
                    .putObject("schema").put("type", "string");
        }
        for (String errors : List.of("4XX", "5XX")) {
            if (!responses.has(errors)) {
                responses.putObject(errors).put("description", errors.startsWith("4") ? "Refused: the problem says why"
                        : "The network could not answer (503 with Retry-After when busy)").putObject("content")
                        .putObject(io.lode.gateway.edge.ProblemJson.MEDIA_TYPE).putObject("schema").put("$ref", SCHEMA_REF + PROBLEM);
            }
        }
    }

    /**
     * Who may call an operation, as the services decide it (an empty list: anyone). Keyed routes take the API key;
     * an account's ledger and balance proofs are its owner's (its key, its agent's signed proof) or the auditor's;
     * the whole ledger is the auditor's; opening an account takes the admin token where the network is not
     * self-serve; the gateway's own account calls take the key. Registrations are signed in their body, so they
     * carry no credential a scheme could name.
     */
    static ArrayNode security(String path, String method, boolean keyedRoute) {
        ArrayNode alternatives = JSON.createArrayNode();
        if (keyedRoute || path.startsWith("/v1/accounts/me")) {
            alternatives.addObject().putArray(API_KEY_SCHEME);
        } else if (path.startsWith("/v1/ledger/accounts/") || path.matches("/v1/epochs/[^/]+/proofs/.*")) {
            alternatives.addObject().putArray(API_KEY_SCHEME);
            alternatives.addObject().putArray(AGENT_PROOF_SCHEME);
            alternatives.addObject().putArray(AUDITOR_SCHEME);
        } else if (path.equals("/v1/ledger/balances")) {
            alternatives.addObject().putArray(AUDITOR_SCHEME);
        } else if (path.equals("/v1/accounts") && method.equals("post")) {
            alternatives.addObject(); // self-serve networks: no credential
            alternatives.addObject().putArray(ADMIN_SCHEME);
        }
        return alternatives;
    }

    /** The schemas the paths use, directly or through other schemas: a service's internal ones are left out. */
    private static ObjectNode used(ObjectNode paths, ObjectNode schemas) {
        java.util.Deque<String> toVisit = new java.util.ArrayDeque<>(refs(paths));
        java.util.Set<String> used = new java.util.LinkedHashSet<>();
        while (!toVisit.isEmpty()) {
            String name = toVisit.pop();
            if (used.add(name) && schemas.has(name)) {
                toVisit.addAll(refs(schemas.get(name)));
            }
        }
        ObjectNode kept = JSON.createObjectNode();
        schemas.properties().forEach(s -> {
            if (used.contains(s.getKey())) {
                kept.set(s.getKey(), s.getValue());
            }
        });
        return kept;
    }

    private static List<String> refs(JsonNode node) {
        List<String> names = new java.util.ArrayList<>();
        node.findValues("$ref").forEach(ref -> {
            if (ref.asText().startsWith(SCHEMA_REF)) {
                names.add(ref.asText().substring(SCHEMA_REF.length()));
            }
        });
        return names;
    }

    /** {@code get /v1/tasks/{taskId}/events} → {@code getTasksTaskIdEvents}: unique for each method and path. */
    static String operationId(String method, String path) {
        StringBuilder id = new StringBuilder(method);
        for (String segment : path.split("/")) {
            String word = segment.replaceAll("[{}]", "");
            if (word.isEmpty() || word.equals("v1")) {
                continue;
            }
            for (String part : word.split("[^A-Za-z0-9]+")) {
                if (!part.isEmpty()) {
                    id.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
                }
            }
        }
        return id.toString();
    }

    /** RFC 7807 problem details, as every service answers an error. */
    private static ObjectNode problemSchema() {
        ObjectNode problem = JSON.createObjectNode().put("type", "object").put("description",
                "RFC 7807 problem details; type is a stable URI naming the kind of problem");
        ObjectNode properties = problem.putObject("properties");
        properties.putObject("type").put("type", "string").put("format", "uri");
        properties.putObject("title").put("type", "string");
        properties.putObject("status").put("type", "integer");
        properties.putObject("detail").put("type", "string");
        properties.putObject("instance").put("type", "string");
        problem.putArray("required").add("type").add("title").add("status");
        return problem;
    }

    /** The document with each schema that clashes with one already merged renamed to "service.Name". */
    private static JsonNode qualifyClashes(JsonNode document, String service, ObjectNode merged) {
        String text = document.toString();
        for (Map.Entry<String, JsonNode> schema : document.path("components").path("schemas").properties()) {
            JsonNode existing = merged.get(schema.getKey());
            if (existing != null && !existing.equals(schema.getValue())) {
                String qualified = service + "." + schema.getKey();
                text = text.replace("\"" + SCHEMA_REF + schema.getKey() + "\"", "\"" + SCHEMA_REF + qualified + "\"");
                ObjectNode copy = (ObjectNode) readTree(text);
                ObjectNode schemasOfCopy = (ObjectNode) copy.get("components").get("schemas");
                schemasOfCopy.set(qualified, schemasOfCopy.remove(schema.getKey()));
                text = copy.toString();
            }
        }
        return readTree(text);
    }

    private static JsonNode readTree(String text) {
        try {
            return JSON.readTree(text);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("a document that was JSON no longer parses", e);
        }
    }
}
