package io.lode.agents.a2a;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.lode.agents.arithmetic.ArithmeticSolver;

/** The agent answers both A2A protocol versions in the shapes the official SDK uses (shared A2A notes). */
class A2aAgentServerTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void servesItsCardAndAnswersV1AndV03() throws Exception {
        A2aAgentServer.Description description = new A2aAgentServer.Description("calc", "calc", "key",
                List.of(ArithmeticSolver.SKILL));
        try (A2aAgentServer server = new A2aAgentServer("127.0.0.1", 0, description, new ArithmeticSolver()).start()) {
            String base = "http://127.0.0.1:" + server.port();
            HttpClient http = HttpClient.newHttpClient();

            JsonNode card = JSON.readTree(http.send(HttpRequest.newBuilder(URI.create(base + A2aAgentServer.CARD_PATH))
                    .build(), HttpResponse.BodyHandlers.ofString()).body());
            assertThat(card.at("/supportedInterfaces/0/url").asText()).isEqualTo(base + A2aAgentServer.RPC_PATH);
            assertThat(card.at("/capabilities/extensions/0/params/publicKey").asText()).isEqualTo("key");

            JsonNode v1 = post(http, base, "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"SendMessage\",\"params\":"
                    + "{\"message\":{\"messageId\":\"m\",\"role\":\"ROLE_USER\",\"parts\":[{\"text\":\"what is 17 * 23?\"}]}}}");
            assertThat(v1.at("/result/message/role").asText()).isEqualTo("ROLE_AGENT");
            assertThat(v1.at("/result/message/parts/0/text").asText()).isEqualTo("391");

            JsonNode v03 = post(http, base, "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"message/send\",\"params\":"
                    + "{\"message\":{\"kind\":\"message\",\"messageId\":\"m\",\"role\":\"user\","
                    + "\"parts\":[{\"kind\":\"text\",\"text\":\"2 + 2\"}]}}}");
            assertThat(v03.at("/result/kind").asText()).isEqualTo("message");
            assertThat(v03.at("/result/parts/0/text").asText()).isEqualTo("4");

            JsonNode unknown = post(http, base, "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"tasks/get\"}");
            assertThat(unknown.at("/error/code").asInt()).isEqualTo(-32601);
        }
    }

    @Test
    void streamsItsAnswerAsATaskWithTwoArtifactChunksInBothVersions() throws Exception {
        A2aAgentServer.Description description = new A2aAgentServer.Description("calc", "calc", "key",
                List.of(ArithmeticSolver.SKILL));
        try (A2aAgentServer server = new A2aAgentServer("127.0.0.1", 0, description, text -> "echo: " + text).start()) {
            HttpClient http = HttpClient.newHttpClient();
            HttpResponse<String> v1 = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port()
                    + A2aAgentServer.RPC_PATH)).POST(HttpRequest.BodyPublishers.ofString("{\"jsonrpc\":\"2.0\",\"id\":5,"
                    + "\"method\":\"SendStreamingMessage\",\"params\":{\"message\":{\"parts\":[{\"text\":\"hi\"}]}}}"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            HttpResponse<String> v03 = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port()
                    + A2aAgentServer.RPC_PATH)).POST(HttpRequest.BodyPublishers.ofString("{\"jsonrpc\":\"2.0\",\"id\":6,"
                    + "\"method\":\"message/stream\",\"params\":{\"message\":{\"parts\":[{\"kind\":\"text\","
                    + "\"text\":\"hi\"}]}}}")).build(), HttpResponse.BodyHandlers.ofString());

            assertThat(v1.headers().firstValue("content-type")).hasValue("text/event-stream");
            List<JsonNode> events = dataOf(v1.body());
            assertThat(events).extracting(e -> e.path("result").fieldNames().next())
                    .containsExactly("task", "artifactUpdate", "artifactUpdate", "statusUpdate");
            assertThat(events.get(1).at("/result/artifactUpdate/artifact/parts/0/text").asText()
                    + events.get(2).at("/result/artifactUpdate/artifact/parts/0/text").asText()).isEqualTo("echo: hi");
            assertThat(events.get(3).at("/result/statusUpdate/status/state").asText()).isEqualTo("TASK_STATE_COMPLETED");
            assertThat(dataOf(v03.body())).extracting(e -> e.at("/result/kind").asText())
                    .containsExactly("task", "artifact-update", "artifact-update", "status-update");
            assertThat(dataOf(v03.body())).allMatch(e -> e.path("id").asInt() == 6);
        }
    }

    private static List<JsonNode> dataOf(String sse) throws Exception {
        List<JsonNode> events = new java.util.ArrayList<>();
        for (String line : sse.split("\n")) {
            if (line.startsWith("data: ")) {
                events.add(JSON.readTree(line.substring(6)));
            }
        }
        return events;
    }

    private static JsonNode post(HttpClient http, String base, String body) throws Exception {
        return JSON.readTree(http.send(HttpRequest.newBuilder(URI.create(base + A2aAgentServer.RPC_PATH))
                .POST(HttpRequest.BodyPublishers.ofString(body)).header("content-type", "application/json").build(),
                HttpResponse.BodyHandlers.ofString()).body());
    }
}
