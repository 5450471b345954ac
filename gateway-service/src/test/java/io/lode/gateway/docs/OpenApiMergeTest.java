package io.lode.gateway.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.lode.gateway.proxy.Route;

class OpenApiMergeTest {

    private static final ObjectMapper JSON = io.lode.gateway.TestJson.MAPPER;
    private static final List<Route> ROUTES = List.of(
            new Route("/v1/agents", "registry-service", "http://r", false, Duration.ofSeconds(1)),
            new Route("/v1/tasks", "orchestrator-service", "http://o", true, Duration.ofSeconds(1)));

    @Test
    void onlyRoutedPathsAreMergedAndKeyedRoutesRequireTheApiKey() throws Exception {
        JsonNode gateway = doc("{\"/v1/accounts\":{\"post\":{}},\"/q/health\":{\"get\":{}}}", "{}");
        JsonNode registry = doc("{\"/v1/agents\":{\"get\":{}},\"/v1/agents/{id}\":{\"get\":{}},"
                + "\"/admin/v1/agents\":{\"delete\":{}},\"/v1/tasks\":{\"post\":{}}}", "{}");
        JsonNode orchestrator = doc("{\"/v1/tasks\":{\"post\":{}},\"/v1/tasks/{id}/events\":{\"get\":{}}}", "{}");

        ObjectNode merged = OpenApiMerge.merge(gateway, Map.of("registry-service", registry,
                "orchestrator-service", orchestrator), ROUTES, List.of());

        assertThat(merged.path("paths").fieldNames()).toIterable().containsExactlyInAnyOrder("/v1/accounts",
                "/v1/agents", "/v1/agents/{id}", "/v1/tasks", "/v1/tasks/{id}/events");
        assertThat(merged.at("/paths/~1v1~1tasks/post/security/0").has("apiKey")).isTrue();
        // a public operation says so (an empty list), rather than saying nothing
        assertThat(merged.at("/paths/~1v1~1agents/get/security").isArray()).isTrue();
        assertThat(merged.at("/paths/~1v1~1agents/get/security").isEmpty()).isTrue();
        // opening an account: no credential on a self-serve network, else the admin token
        assertThat(merged.at("/paths/~1v1~1accounts/post/security").toString()).isEqualTo("[{},{\"adminToken\":[]}]");
        assertThat(merged.at("/servers/0/url").asText()).isEqualTo("/");
        assertThat(merged.at("/components/securitySchemes/apiKey/scheme").asText()).isEqualTo("bearer");
        assertThat(merged.has("x-lode-unavailable")).isFalse();
    }

    @Test
    void theDocumentSaysWhatACallerSeesNotWhatABackendSees() throws Exception {
        JsonNode orchestrator = doc("{\"/v1/tasks\":{\"post\":{\"parameters\":[{\"name\":\"X-Lode-Account\",\"in\":"
                + "\"header\"},{\"name\":\"wait\",\"in\":\"query\"}],\"responses\":{\"200\":{}}}},"
                + "\"/v1/tasks/{taskId}/events\":{\"get\":{\"parameters\":[{\"name\":\"x-lode-account\",\"in\":"
                + "\"header\"}],\"responses\":{\"204\":{}}}}}", "{}");

        ObjectNode merged = OpenApiMerge.merge(doc("{}", "{}"), Map.of("orchestrator-service", orchestrator), ROUTES,
                List.of());

        JsonNode submit = merged.at("/paths/~1v1~1tasks/post");
        assertThat(submit.path("parameters").findValuesAsText("name")).containsExactly("wait");
        assertThat(submit.path("operationId").asText()).isEqualTo("postTasks");
        assertThat(submit.at("/responses/4XX/content/application~1problem+json/schema/$ref").asText())
                .isEqualTo("#/components/schemas/Problem");
        JsonNode events = merged.at("/paths/~1v1~1tasks~1{taskId}~1events/get");
        assertThat(events.has("parameters")).isFalse();
        assertThat(events.path("operationId").asText()).isEqualTo("getTasksTaskIdEvents");
        assertThat(events.path("responses").has("204")).isFalse();
        assertThat(events.at("/responses/200/content").has("text/event-stream")).isTrue();
        assertThat(merged.at("/components/schemas/Problem/required").toString()).contains("type", "title", "status");
    }

    @Test
    void aSchemaTwoServicesDefineDifferentlyIsQualifiedWithItsServiceEverywhereItIsUsed() throws Exception {
        JsonNode gateway = doc("{}", "{}");
        JsonNode registry = doc("{\"/v1/agents\":{\"get\":{\"responses\":{\"200\":{\"$ref\":"
                + "\"#/components/schemas/Page\"}}}}}", "{\"Page\":{\"type\":\"object\",\"title\":\"agents\"}}");
        JsonNode orchestrator = doc("{\"/v1/tasks\":{\"get\":{\"responses\":{\"200\":{\"$ref\":"
                + "\"#/components/schemas/Page\"}}}}}", "{\"Page\":{\"type\":\"object\",\"title\":\"tasks\"}}");

        ObjectNode merged = OpenApiMerge.merge(gateway, Map.of("registry-service", registry,
                "orchestrator-service", orchestrator), ROUTES, List.of("verifier-service"));

        assertThat(merged.at("/components/schemas/Page/title").asText()).isEqualTo("agents");
        assertThat(merged.at("/components/schemas/orchestrator-service.Page/title").asText()).isEqualTo("tasks");
        assertThat(merged.at("/paths/~1v1~1tasks/get/responses/200/$ref").asText())
                .isEqualTo("#/components/schemas/orchestrator-service.Page");
        assertThat(merged.at("/paths/~1v1~1agents/get/responses/200/$ref").asText())
                .isEqualTo("#/components/schemas/Page");
        assertThat(merged.path("x-lode-unavailable").get(0).asText()).isEqualTo("verifier-service");
    }

    @Test
    void anAccountsLedgerIsItsOwnersOrTheAuditorsAndTheWholeLedgerTheAuditorsAlone() {
        assertThat(OpenApiMerge.security("/v1/ledger/accounts/{accountId}/entries", "get", false).toString())
                .isEqualTo("[{\"apiKey\":[]},{\"agentProof\":[]},{\"auditorToken\":[]}]");
        assertThat(OpenApiMerge.security("/v1/epochs/{epoch}/proofs/{accountId}", "get", false).toString())
                .isEqualTo("[{\"apiKey\":[]},{\"agentProof\":[]},{\"auditorToken\":[]}]");
        assertThat(OpenApiMerge.security("/v1/ledger/balances", "get", false).toString())
                .isEqualTo("[{\"auditorToken\":[]}]");
        assertThat(OpenApiMerge.security("/v1/accounts/me/key", "delete", false).toString())
                .isEqualTo("[{\"apiKey\":[]}]");
        assertThat(OpenApiMerge.security("/v1/epochs/{epoch}", "get", false)).isEmpty();
        assertThat(OpenApiMerge.security("/v1/ledger/earnings/{agentId}", "get", false)).isEmpty();
    }

    @Test
    void onlyTheSchemasThePublicPathsUseAreInTheDocument() throws Exception {
        JsonNode registry = doc("{\"/v1/agents\":{\"get\":{\"responses\":{\"200\":{\"content\":{\"application/json\":"
                + "{\"schema\":{\"$ref\":\"#/components/schemas/Page\"}}}}}}},\"/admin/v1/agents\":{\"post\":{"
                + "\"requestBody\":{\"content\":{\"application/json\":{\"schema\":{\"$ref\":"
                + "\"#/components/schemas/AdminOnly\"}}}}}}}",
                "{\"Page\":{\"type\":\"object\",\"properties\":{\"items\":{\"type\":\"array\",\"items\":{\"$ref\":"
                + "\"#/components/schemas/Agent\"}}}},\"Agent\":{\"type\":\"object\"},\"AdminOnly\":{\"type\":\"object\"}}");

        ObjectNode merged = OpenApiMerge.merge(doc("{}", "{}"), Map.of("registry-service", registry), ROUTES, List.of());

        assertThat(merged.at("/components/schemas").fieldNames()).toIterable()
                .containsExactlyInAnyOrder("Page", "Agent", "Problem");
    }

    private static JsonNode doc(String paths, String schemas) throws Exception {
        return JSON.readTree("{\"openapi\":\"3.1.0\",\"info\":{\"version\":\"1\"},\"paths\":" + paths
                + ",\"components\":{\"schemas\":" + schemas + "}}");
    }
}
