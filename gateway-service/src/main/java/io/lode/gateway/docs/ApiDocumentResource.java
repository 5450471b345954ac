package io.lode.gateway.docs;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.lode.gateway.GatewayConfig;
import io.lode.gateway.proxy.Route;
import io.quarkus.logging.Log;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;

/**
 * {@code GET /v1/openapi.json}: one OpenAPI document for the whole public API, merged from the gateway's own and
 * each service's {@code /q/openapi} (Swagger UI at {@code /q/swagger-ui} shows it). Kept for a minute; a service
 * that does not answer is left out and named in {@code x-lode-unavailable}, and the document is not kept then.
 */
@Path("/v1/openapi.json")
public class ApiDocumentResource {

    private final ObjectMapper json;
    private static final Duration KEPT = Duration.ofMinutes(1);
    private static final Duration FETCH_TIMEOUT = Duration.ofSeconds(5);

    private final GatewayConfig config;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(FETCH_TIMEOUT).build();
    private volatile ObjectNode kept;
    private volatile long keptUntil;

    public ApiDocumentResource(GatewayConfig config, ObjectMapper json) {
        this.json = json;
        this.config = config;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public ObjectNode document(@Context HttpServerRequest request) {
        ObjectNode document = kept;
        if (document != null && System.nanoTime() < keptUntil) {
            return document;
        }
        // The gateway's own document, from itself over loopback on the port this request came in on.
        JsonNode own = fetch("http://127.0.0.1:" + request.localAddress().port());
        Map<String, JsonNode> services = new LinkedHashMap<>();
        List<String> unavailable = new ArrayList<>();
        for (Route route : Route.all(config)) {
            if (!services.containsKey(route.service()) && !unavailable.contains(route.service())) {
                JsonNode fetched = fetch(route.backend());
                if (fetched == null) {
                    unavailable.add(route.service());
                } else {
                    services.put(route.service(), fetched);
                }
            }
        }
        document = OpenApiMerge.merge(own == null ? json.createObjectNode() : own, services, Route.all(config),
                unavailable);
        if (unavailable.isEmpty() && own != null) {
            kept = document;
            keptUntil = System.nanoTime() + KEPT.toNanos();
        }
        return document;
    }

    private JsonNode fetch(String base) {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base
                    + "/q/openapi?format=json")).timeout(FETCH_TIMEOUT).build(), HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 ? json.readTree(response.body()) : null;
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            Log.debugf("no OpenAPI document from %s: %s", base, e.toString());
            return null;
        }
    }
}
