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
        add(gateway, "gateway-service", path -> path.startsWith("/v1/"), false, paths, schemas);
        for (Route route : routes) {
            JsonNode document = services.get(route.service());
            if (document != null) {
                add(document, route.service(), route::serves, route.authenticated(), paths, schemas);
            }
        }
        ObjectNode components = merged.putObject("components");
        components.set("schemas", schemas);
        components.putObject("securitySchemes").set(API_KEY_SCHEME, JSON.createObjectNode().put("type", "http")
                .put("scheme", "bearer").put("description", "The API key of POST /v1/accounts"));
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
            if (authenticated) {
                item.properties().forEach(operation -> {
                    if (operation.getValue() instanceof ObjectNode op) {
                        op.putArray("security").addObject().putArray(API_KEY_SCHEME);
                    }
                });
            }
            paths.set(path.getKey(), item);
        }
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
