package io.lode.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import com.fasterxml.jackson.databind.JsonNode;

import io.lode.agents.a2a.A2aAgentServer.Misbehaviour;
import io.lode.agents.a2a.A2aAgentServer.SkillCard;

/**
 * Bad agents through the whole network: each kind of fault (HTTP 500, not JSON-RPC, a 10 MB reply, a slow drip, a
 * hang, an answer to another request; and of streaming agents: endless chunks, 10 MB of chunks, events of another
 * request, a stream that stops before its task completes) makes the orchestrator retry the task on the next-best agent, which answers
 * and is paid; repeated faults open the agent's circuit breaker; with no agent left the task fails and is refunded.
 * And routing by meaning sends a task that names no skill to the one agent able to do it, among cheaper decoys.
 */
class AgentFaultsIT {

    private static final long BAD_PRICE = 100;
    private static final long GOOD_PRICE = 900;
    private static final long MAX_PRICE = 1_000;

    @TempDir
    static Path dataDir;

    private static LocalNetwork network;
    private static GatewayClient gateway;
    private static String apiKey;
    private static TestAgents testAgents;
    private static final Map<Misbehaviour, String[]> PAIRS = new EnumMap<>(Misbehaviour.class);

    @BeforeAll
    static void startNetworkAndAgents() throws Exception {
        Path repoRoot = Path.of(System.getProperty("lode.repo.root", "../..")).toAbsolutePath().normalize();
        // No exploration, so the cheap faulty agent is always tried first; a breaker stays open for the whole test.
        network = LocalNetwork.start(LocalSettings.forTest(repoRoot, dataDir, 50_000_000, 1_000, "60s", Map.of(
                        "LODE_ORCHESTRATOR_ROUTING_EXPLORATION_SHARE", "0",
                        "LODE_ORCHESTRATOR_BREAKER_DELAY", "300s",
                        "LODE_ORCHESTRATOR_RETRY_RESERVE", "2s")),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        gateway = new GatewayClient(network.gatewayUrl());
        apiKey = gateway.newApiKey();
        testAgents = new TestAgents(gateway);
        List<String> agents = new ArrayList<>();
        for (Misbehaviour fault : Misbehaviour.values()) {
            if (fault != Misbehaviour.NONE) {
                String skill = "fault-" + fault.name().toLowerCase();
                String bad = register("bad-" + skill, echo(skill), BAD_PRICE, fault, text -> "echo: " + text);
                String good = register("good-" + skill, echo(skill), GOOD_PRICE, Misbehaviour.NONE,
                        text -> "echo: " + text);
                PAIRS.put(fault, new String[] {bad, good});
                agents.add(bad);
                agents.add(good);
            }
        }
        await().atMost(Duration.ofSeconds(90)).until(() -> agents.stream().allMatch(AgentFaultsIT::isActive));
    }

    @AfterAll
    static void stop() {
        if (testAgents != null) {
            testAgents.close();
        }
        if (network != null) {
            network.close();
        }
    }

    @ParameterizedTest
    @EnumSource(value = Misbehaviour.class, names = "NONE", mode = EnumSource.Mode.EXCLUDE)
    void aFaultyAgentsTaskIsRetriedOnTheNextBestAgentAndOnlyThatOneIsPaid(Misbehaviour fault) throws Exception {
        String bad = PAIRS.get(fault)[0];
        String good = PAIRS.get(fault)[1];

        JsonNode task = submit("[misbehave] hello", "fault-" + fault.name().toLowerCase());

        assertThat(task.path("status").asText()).as(task.toString()).isEqualTo("COMPLETED");
        assertThat(task.at("/result/agentId").asText()).isEqualTo(good);
        assertThat(task.at("/result/output").asText()).isEqualTo("echo: [misbehave] hello");
        JsonNode attempts = task.path("attempts");
        assertThat(attempts).hasSize(2);
        assertThat(attempts.get(0).path("agentId").asText()).isEqualTo(bad);
        boolean slow = fault == Misbehaviour.DRIP || fault == Misbehaviour.HANG || fault == Misbehaviour.STREAM_DRIP;
        assertThat(attempts.get(0).path("outcome").asText()).isEqualTo(slow ? "TIMEOUT" : "ERROR");
        assertThat(attempts.get(1).path("outcome").asText()).isEqualTo("OK");
        assertThat(task.at("/fee/charged").asLong()).isEqualTo(GOOD_PRICE);
        JsonNode settled = await().atMost(Duration.ofSeconds(30)).until(() -> view(task),
                t -> t.at("/fee/refunded").isNumber());
        assertThat(settled.at("/fee/refunded").asLong()).isEqualTo(MAX_PRICE - GOOD_PRICE);
        assertThat(healthy()).isTrue();
    }

    @Test
    void repeatedFaultsOpenTheAgentsBreakerSoItIsNoLongerTried() throws Exception {
        String bad = register("bad-breaker", echo("breaker"), BAD_PRICE, Misbehaviour.HTTP_500, t -> "echo: " + t);
        String good = register("good-breaker", echo("breaker"), GOOD_PRICE, Misbehaviour.NONE, t -> "echo: " + t);
        await().atMost(Duration.ofSeconds(60)).until(() -> isActive(bad) && isActive(good));

        List<Integer> attemptsPerTask = new ArrayList<>();
        for (int i = 0; i < 8 && (attemptsPerTask.isEmpty() || attemptsPerTask.get(attemptsPerTask.size() - 1) > 1);
             i++) {
            JsonNode task = submit("[misbehave] task " + i, "breaker");
            assertThat(task.path("status").asText()).as(task.toString()).isEqualTo("COMPLETED");
            assertThat(task.at("/result/agentId").asText()).isEqualTo(good);
            attemptsPerTask.add(task.path("attempts").size());
        }
        // the first tasks try the faulty agent first; once its breaker is open, tasks go straight to the good one
        assertThat(attemptsPerTask.get(0)).isEqualTo(2);
        assertThat(attemptsPerTask.get(attemptsPerTask.size() - 1)).as("attempts per task %s", attemptsPerTask)
                .isEqualTo(1);
    }

    @Test
    void aTaskCanceledAfterItsAgentStreamedPartOfAnAnswerChargesNothing() throws Exception {
        // the charging rule: words streamed before a cancel are a partial answer, not delivered work
        String dripper = register("drip-alone", echo("drip-cancel"), BAD_PRICE, Misbehaviour.STREAM_DRIP,
                t -> "echo: " + t);
        await().atMost(Duration.ofSeconds(60)).until(() -> isActive(dripper));
        String taskId = gateway.json("POST", "/v1/tasks", apiKey, "{\"input\":\"[misbehave] tell me\",\"skill\":"
                + "\"drip-cancel\",\"maxPrice\":" + MAX_PRICE + ",\"deadlineMs\":30000}", 202).path("taskId").asText();

        try (SseClient events = new SseClient(network.gatewayUrl() + "/v1/tasks/" + taskId + "/events", apiKey,
                null)) {
            java.util.concurrent.CompletableFuture.supplyAsync(() -> {
                List<SseClient.Event> seen = new ArrayList<>();
                while (seen.stream().noneMatch(e -> "PARTIAL".equals(e.name()))) {
                    List<SseClient.Event> next = events.next(1);
                    if (next.isEmpty()) {
                        throw new IllegalStateException("the stream ended before a partial answer: " + seen);
                    }
                    seen.addAll(next);
                }
                return seen;
            }).get(30, java.util.concurrent.TimeUnit.SECONDS);
        }
        JsonNode canceled = gateway.json("POST", "/v1/tasks/" + taskId + "/cancel", apiKey, "", 200);
        assertThat(canceled.path("status").asText()).isEqualTo("CANCELED");

        JsonNode settled = await().atMost(Duration.ofSeconds(30)).until(() -> gateway.json("GET", "/v1/tasks/"
                + taskId, apiKey, null, 200), t -> t.at("/fee/refunded").isNumber());
        assertThat(settled.at("/fee/refunded").asLong()).isEqualTo(MAX_PRICE);
        assertThat(settled.at("/fee/paidToAgent").isMissingNode()).isTrue();
        assertThat(settled.path("status").asText()).isEqualTo("CANCELED");
    }

    @Test
    void withNoOtherAgentLeftTheTaskFailsAndIsRefundedInFull() throws Exception {
        String alone = register("bad-alone", echo("alone"), BAD_PRICE, Misbehaviour.HTTP_500, t -> "echo: " + t);
        await().atMost(Duration.ofSeconds(60)).until(() -> isActive(alone));

        JsonNode task = submit("[misbehave] anyone?", "alone");

        assertThat(task.path("status").asText()).as(task.toString()).isEqualTo("FAILED");
        assertThat(task.path("reason").asText()).contains("HTTP 500");
        JsonNode settled = await().atMost(Duration.ofSeconds(30)).until(() -> view(task),
                t -> t.at("/fee/refunded").isNumber());
        assertThat(settled.at("/fee/refunded").asLong()).isEqualTo(MAX_PRICE);
    }

    @Test
    void aTaskNamingNoSkillGoesToTheAgentWhoseSkillMeansItAmongCheaperDecoys() throws Exception {
        List<String> decoys = new ArrayList<>();
        decoys.add(register("poet", new SkillCard("poetry", "Poet", "Writes short poems about a theme",
                List.of("creative"), List.of()), 10, Misbehaviour.NONE, t -> "roses are red"));
        decoys.add(register("forecaster", new SkillCard("weather", "Weather forecast",
                "Forecasts tomorrow's weather for a city", List.of("weather"), List.of()), 10, Misbehaviour.NONE,
                t -> "sunny"));
        decoys.add(register("translator", new SkillCard("translate", "French to English translation",
                "Translates French text into English", List.of("language"), List.of()), 10, Misbehaviour.NONE,
                t -> "hello"));
        decoys.add(register("chef", new SkillCard("recipes", "Recipes", "Suggests a recipe from your ingredients",
                List.of("food"), List.of()), 10, Misbehaviour.NONE, t -> "soup"));
        String reverser = register("reverser", new SkillCard("reverse", "Reverse text",
                "Writes the given text backwards, last letter first", List.of("text"), List.of("reverse 'abc'")),
                GOOD_PRICE, Misbehaviour.NONE, t -> new StringBuilder(t).reverse().toString());
        await().atMost(Duration.ofSeconds(60)).until(() -> isActive(reverser)
                && decoys.stream().allMatch(AgentFaultsIT::isActive));

        JsonNode task = gateway.json("POST", "/v1/tasks?wait=verified", apiKey,
                "{\"input\":\"write this text backwards: stressed\",\"maxPrice\":" + MAX_PRICE + "}", 200);

        assertThat(task.path("status").asText()).as(task.toString()).isEqualTo("COMPLETED");
        assertThat(task.at("/result/agentId").asText()).isEqualTo(reverser);
        assertThat(task.at("/result/output").asText()).isEqualTo("desserts :sdrawkcab txet siht etirw");
    }

    private static SkillCard echo(String skill) {
        return new SkillCard(skill, "Echo", "Repeats the text it is sent", List.of(skill), List.of());
    }

    private static String register(String name, SkillCard skill, long price, Misbehaviour fault,
                                   UnaryOperator<String> work) throws Exception {
        return testAgents.register(name, skill, price, work, fault).agentId();
    }

    private static boolean isActive(String agentId) {
        return testAgents.hasStatus(agentId, "ACTIVE");
    }

    private static JsonNode submit(String input, String skill) throws Exception {
        return gateway.json("POST", "/v1/tasks?wait=verified", apiKey, "{\"input\":\"" + input + "\",\"skill\":\""
                + skill + "\",\"maxPrice\":" + MAX_PRICE + ",\"deadlineMs\":10000}", 200);
    }

    private static JsonNode view(JsonNode task) throws Exception {
        return gateway.json("GET", "/v1/tasks/" + task.path("taskId").asText(), apiKey, null, 200);
    }

    /** The orchestrator still answers its health check after the fault. */
    private static boolean healthy() throws Exception {
        return gateway.send("GET", "/v1/tasks/tsk_none", apiKey, null).statusCode() == 404;
    }
}
