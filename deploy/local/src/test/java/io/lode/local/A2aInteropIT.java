package io.lode.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.lode.agents.registration.AgentRegistration;
import io.lode.identity.AgentId;
import io.lode.identity.AgentKeys;

/**
 * Agents built on the official A2A JavaScript SDK (@a2a-js/sdk 1.3.0) join the network like any other: one
 * speaking v1.0 ({@code SendMessage}), one v0.3 only ({@code message/send}, the SDK's compatibility layer), and
 * one of each whose card says {@code capabilities.streaming} ({@code SendStreamingMessage}, {@code message/stream}:
 * the answer arrives word by word, and the consumer sees the words as PARTIAL events before the RESULT).
 * Each registers through the gateway, passes its exam and answers a consumer task. Needs Node.js 20+ and npm.
 */
class A2aInteropIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dataDir;

    private static Path repoRoot;
    private static LocalNetwork network;
    private static final List<ManagedProcess> AGENTS = new ArrayList<>();

    @BeforeAll
    static void startNetwork() throws Exception {
        repoRoot = Path.of(System.getProperty("lode.repo.root", "../..")).toAbsolutePath().normalize();
        JsSdk.installed(repoRoot);
        LocalSettings settings = LocalSettings.forTest(repoRoot, dataDir, 50_000_000, 1_000, "60s", Map.of());
        network = LocalNetwork.start(settings, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    }

    @AfterAll
    static void stop() {
        AGENTS.forEach(ManagedProcess::close);
        if (network != null) {
            network.close();
        }
    }

    @ParameterizedTest(name = "{0} agent")
    @CsvSource({"v1, 1.0", "legacy, 0.3", "v1-stream, 1.0", "legacy-stream, 0.3"})
    void anOfficialSdkAgentRegistersPassesItsExamAndAnswersATask(String mode, String protocolVersion) throws Exception {
        // given an agent on the official JS SDK, serving a card that names its Lode key
        KeyPair keys = AgentKeys.generate();
        String skill = "echo-" + mode;
        ManagedProcess agent = ManagedProcess.start("js-" + mode, List.of("node", repoRoot.resolve("agents/interop-js/echo-agent.mjs").toString(),
                AgentKeys.encodePublic(keys.getPublic()), mode, skill), Map.of(),
                dataDir.resolve("logs/js-" + mode + ".log"), null, line -> line.startsWith("READY "));
        AGENTS.add(agent);
        int port = Integer.parseInt(agent.readyLine().get(30, TimeUnit.SECONDS).split(" ")[1]);
        String agentId = AgentId.of(keys.getPublic());

        // when it registers through the gateway
        String body = AgentRegistration.signedBody(keys, "http://127.0.0.1:" + port + "/.well-known/agent-card.json",
                500).toString();
        HttpResponse<String> registered = send("POST", "/v1/agents", null, body);
        assertThat(registered.statusCode()).as(registered.body()).isEqualTo(202);

        // then it passes its exam over its own protocol version
        JsonNode active = await().atMost(Duration.ofSeconds(60)).until(
                () -> JSON.readTree(send("GET", "/v1/agents/" + agentId, null, null).body()),
                a -> !a.path("status").asText().equals("PENDING"));
        assertThat(active.path("status").asText()).as(active.toString()).isEqualTo("ACTIVE");
        assertThat(active.path("protocolVersion").asText()).isEqualTo(protocolVersion);

        // and is found by meaning: searching for what it does ranks it (an echo agent) above the calculator
        JsonNode found = await().atMost(Duration.ofSeconds(30)).until(() -> JSON.readTree(send("GET",
                "/v1/agents?status=ACTIVE&limit=10&q=" + URLEncoder.encode("repeat my words back to me",
                        StandardCharsets.UTF_8), null, null).body()), page -> page.path("items").findValuesAsText(
                "agentId").contains(agentId));
        assertThat(found.at("/items/0/skills/0/name").asText()).as(found.toString()).isEqualTo("Echo");

        // and answers a consumer's task for its skill
        String apiKey = JSON.readTree(send("POST", "/v1/accounts", null, "").body()).get("apiKey").asText();
        JsonNode task = JSON.readTree(send("POST", "/v1/tasks?wait=verified", apiKey,
                "{\"input\":\"hello from Lode\",\"skill\":\"" + skill + "\"}").body());
        assertThat(task.path("status").asText()).as(task.toString()).isEqualTo("COMPLETED");
        assertThat(task.at("/result/agentId").asText()).isEqualTo(agentId);
        assertThat(task.at("/result/output").asText()).isEqualTo("echo: hello from Lode");
        assertThat(task.at("/fee/charged").asLong()).isEqualTo(500);

        // and a streaming agent's words reach the consumer's event stream before the result
        List<SseClient.Event> events;
        try (SseClient stream = new SseClient(network.gatewayUrl() + "/v1/tasks/" + task.path("taskId").asText()
                + "/events", apiKey, null)) {
            events = CompletableFuture.supplyAsync(() -> stream.next(100)).get(60, TimeUnit.SECONDS);
        }
        List<String> types = events.stream().map(SseClient.Event::name).toList();
        List<String> partials = new ArrayList<>();
        for (SseClient.Event event : events.stream().filter(e -> e.name().equals("PARTIAL")).toList()) {
            partials.add(JSON.readTree(event.data()).path("text").asText());
        }
        if (mode.endsWith("-stream")) {
            assertThat(active.path("streaming").asBoolean()).as(active.toString()).isTrue();
            assertThat(String.join("", partials)).as(types.toString()).isEqualTo("echo: hello from Lode");
            assertThat(types.lastIndexOf("PARTIAL")).as(types.toString()).isLessThan(types.indexOf("RESULT"));
        } else {
            assertThat(active.path("streaming").asBoolean()).isFalse();
            assertThat(partials).as(types.toString()).isEmpty();
        }
    }

    private static HttpResponse<String> send(String method, String path, String apiKey, String body) throws Exception {
        return new GatewayClient(network.gatewayUrl()).send(method, path, apiKey, body);
    }
}
