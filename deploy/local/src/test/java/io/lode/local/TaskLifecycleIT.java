package io.lode.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

import io.lode.agents.a2a.A2aAgentServer;
import io.lode.agents.a2a.A2aAgentServer.SkillCard;
import io.lode.agents.registration.AgentRegistration;
import io.lode.identity.AgentId;
import io.lode.identity.AgentKeys;

/**
 * A task's life as its consumer follows it, through the whole network: the event stream resumes after a dropped
 * connection with exactly the missing events; a task is canceled and refunded; and killing the orchestrator
 * (SIGKILL) with tasks in flight, then starting it again, leaves every task ended with its escrow resolved.
 * The agent holds each answer until the test opens its gate, so the test decides when work finishes.
 */
class TaskLifecycleIT {

    /** The figures a run measured, for the session note (JDK logging: these tests run outside Quarkus). */
    private static final System.Logger FIGURES = System.getLogger(TaskLifecycleIT.class.getName());

    private static final long PRICE = 700;
    private static final long MAX_PRICE = 1_000;
    private static final String SKILL = "gated-echo";

    @TempDir
    static Path dataDir;

    private static LocalNetwork network;
    private static GatewayClient gateway;
    private static String apiKey;
    private static A2aAgentServer agent;
    private static volatile CountDownLatch gate = new CountDownLatch(1);

    @BeforeAll
    static void start() throws Exception {
        Path repoRoot = Path.of(System.getProperty("lode.repo.root", "../..")).toAbsolutePath().normalize();
        network = LocalNetwork.start(LocalSettings.forTest(repoRoot, dataDir, 50_000_000, 1_000, "60s", Map.of()),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        gateway = new GatewayClient(network.gatewayUrl());
        apiKey = gateway.newApiKey();
        KeyPair keys = AgentKeys.generate();
        agent = new A2aAgentServer("127.0.0.1", 0, new A2aAgentServer.Description("gated", "answers when let",
                AgentKeys.encodePublic(keys.getPublic()), List.of(new SkillCard(SKILL, "Echo",
                "Repeats the text it is sent", List.of(SKILL), List.of()))), TaskLifecycleIT::answerWhenLet).start();
        String agentId = AgentId.of(keys.getPublic());
        gate.countDown(); // the exam's challenges are answered at once
        gateway.json("POST", "/v1/agents", null, AgentRegistration.signedBody(keys, "http://127.0.0.1:"
                + agent.port() + A2aAgentServer.CARD_PATH, PRICE).toString(), 202);
        await().atMost(Duration.ofSeconds(60)).until(() -> gateway.json("GET", "/v1/agents/" + agentId, null, null,
                200).path("status").asText().equals("ACTIVE"));
    }

    @AfterEach
    void closeTheGate() {
        gate = new CountDownLatch(1);
    }

    @AfterAll
    static void stop() {
        gate.countDown();
        if (agent != null) {
            agent.close();
        }
        if (network != null) {
            network.close();
        }
    }

    private static String answerWhenLet(String text) {
        try {
            gate.await(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return "echo: " + text;
    }

    @Test
    void theEventStreamResumesAfterADroppedConnectionWithExactlyTheMissingEvents() throws Exception {
        gate = new CountDownLatch(1);
        String taskId = submit("follow me");

        List<SseClient.Event> before;
        try (SseClient first = new SseClient(network.gatewayUrl() + "/v1/tasks/" + taskId + "/events", apiKey, null)) {
            assertThat(first.status).isEqualTo(200);
            before = CompletableFuture.supplyAsync(() -> first.next(2)).get(30, TimeUnit.SECONDS);
        } // the connection drops while the agent is still working
        assertThat(before).extracting(SseClient.Event::name).containsExactly("SUBMITTED", "DISPATCHED");

        gate.countDown();
        List<SseClient.Event> after;
        try (SseClient resumed = new SseClient(network.gatewayUrl() + "/v1/tasks/" + taskId + "/events", apiKey,
                before.get(1).id())) {
            after = CompletableFuture.supplyAsync(() -> resumed.next(100)).get(60, TimeUnit.SECONDS);
        }
        int errorsBefore = errorLines().size();
        List<SseClient.Event> whole;
        try (SseClient again = new SseClient(network.gatewayUrl() + "/v1/tasks/" + taskId + "/events", apiKey, null)) {
            whole = CompletableFuture.supplyAsync(() -> again.next(100)).get(30, TimeUnit.SECONDS);
        }
        // reading the stream of a settled task is an ordinary request: it logs no ERROR anywhere
        org.awaitility.Awaitility.await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5))
                .untilAsserted(() -> {
                    List<String> errors = errorLines();
                    assertThat(errors.subList(errorsBefore, errors.size())).as("new ERROR lines").isEmpty();
                });

        List<SseClient.Event> joined = new ArrayList<>(before);
        joined.addAll(after);
        assertThat(joined).isEqualTo(whole);
        assertThat(joined).extracting(SseClient.Event::id)
                .containsExactlyElementsOf(IntStream.rangeClosed(1, joined.size()).mapToObj(Integer::toString).toList());
        assertThat(after).extracting(SseClient.Event::name).contains("RESULT", "VERDICT", "COMPLETED", "SETTLED");
        assertThat(after.stream().filter(e -> e.name().equals("RESULT")).findFirst().orElseThrow().data())
                .contains("echo: follow me");
    }

    /** The ERROR records (JSON lines, each with its stack trace) of the gateway's and the orchestrator's logs. */
    private static List<String> errorLines() throws java.io.IOException {
        List<String> errors = new ArrayList<>();
        for (String service : List.of("gateway-service", "orchestrator-service")) {
            for (String line : java.nio.file.Files.readAllLines(network.logOf(service))) {
                if (line.contains("\"level\":\"ERROR\"")) {
                    errors.add(service + ": " + line);
                }
            }
        }
        return errors;
    }

    @Test
    void aTaskWithoutAnAnswerIsCanceledAndRefundedAndTheLateAnswerIsNotPaid() throws Exception {
        gate = new CountDownLatch(1);
        String taskId = submit("never mind");
        await().atMost(Duration.ofSeconds(30)).until(() -> task(taskId).path("status").asText().equals("DISPATCHED"));

        JsonNode canceled = gateway.json("POST", "/v1/tasks/" + taskId + "/cancel", apiKey, "", 200);
        assertThat(canceled.path("status").asText()).isEqualTo("CANCELED");
        gate.countDown();

        JsonNode settled = await().atMost(Duration.ofSeconds(30)).until(() -> task(taskId),
                t -> t.at("/fee/refunded").isNumber());
        assertThat(settled.at("/fee/refunded").asLong()).isEqualTo(MAX_PRICE);
        assertThat(settled.path("status").asText()).isEqualTo("CANCELED");
        assertThat(settled.at("/fee/paidToAgent").isMissingNode()).isTrue();

        JsonNode again = gateway.json("POST", "/v1/tasks/" + taskId + "/cancel", apiKey, "", 409);
        assertThat(again.path("type").asText()).isEqualTo("https://lode.dev/problems/task-not-cancelable");
    }

    @Test
    void anA2aSubscriberWatchingATaskThroughAnOrchestratorCrashIsShownItsEnd() throws Exception {
        gate = new CountDownLatch(1);
        String taskId = submit("watch me through a crash");
        await().atMost(Duration.ofSeconds(30)).until(() -> status(taskId).equals("DISPATCHED"));
        List<JsonNode> events = new java.util.concurrent.CopyOnWriteArrayList<>();
        CompletableFuture<Integer> subscribed = java.net.http.HttpClient.newHttpClient().sendAsync(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create(network.gatewayUrl() + "/a2a"))
                        .header("Authorization", "Bearer " + apiKey).header("Content-Type", "application/json")
                        .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"jsonrpc\":\"2.0\",\"id\":1,"
                                + "\"method\":\"SubscribeToTask\",\"params\":{\"id\":\"" + taskId + "\"}}")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofLines()).thenApply(response -> {
                    response.body().filter(line -> line.startsWith("data: ")).forEach(line -> {
                        try {
                            events.add(GatewayClient.JSON.readTree(line.substring("data: ".length())));
                        } catch (java.io.IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                    });
                    return response.statusCode();
                });
        await().atMost(Duration.ofSeconds(20)).until(() -> events.size() >= 2); // the task, then WORKING

        // the orchestrator's stream breaks under the subscriber; the gateway opens it again once it is back
        network.crashAndRestart("orchestrator-service");
        gate.countDown();

        assertThat(subscribed.get(90, TimeUnit.SECONDS)).isEqualTo(200);
        JsonNode last = events.get(events.size() - 1).path("result").path("statusUpdate");
        assertThat(last.at("/status/state").asText()).as(events.toString()).isEqualTo("TASK_STATE_COMPLETED");
        assertThat(events.stream().filter(e -> e.at("/result/statusUpdate/status/state").asText()
                .equals("TASK_STATE_COMPLETED")).count()).as("the end once").isEqualTo(1);
    }

    @Test
    void killingTheOrchestratorMidTaskLeavesEveryTaskEndedWithItsEscrowResolved() throws Exception {
        gate = new CountDownLatch(1);
        List<String> tasks = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            tasks.add(submit("survive " + i));
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> tasks.stream().allMatch(t ->
                status(t).equals("DISPATCHED")));

        network.crashAndRestart("orchestrator-service");
        gate.countDown();

        await().atMost(Duration.ofSeconds(90)).until(() -> tasks.stream().allMatch(t -> {
            JsonNode task = task(t);
            return task.path("status").asText().matches("COMPLETED|FAILED|EXPIRED|CANCELED")
                    && task.at("/fee/refunded").isNumber();
        }));
        for (String taskId : tasks) {
            JsonNode task = task(taskId);
            long paid = task.at("/fee/paidToAgent").asLong(0) + task.at("/fee/protocolFee").asLong(0);
            assertThat(paid + task.at("/fee/refunded").asLong()).as(task.toString()).isEqualTo(MAX_PRICE);
            assertThat(task.path("status").asText()).as(task.toString()).isEqualTo("COMPLETED");
        }
    }

    @Test
    void whileTheNetworkIsBehindNewTasksAreRefusedWithRetryAfterAndTheQueuedOnesStillEnd() throws Exception {
        gate.countDown();
        List<String> queued = new ArrayList<>();
        network.crashAndRestart("reward-service", () -> {
            for (int i = 0; i < 21; i++) {
                queued.add(submit("queued behind the ledger " + i)); // waits for an escrow nobody can give now
            }
            // Once more than 20 tasks have waited over 5 s on the network, new tasks are refused, not queued.
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                HttpResponse<String> refused = gateway.send("POST", "/v1/tasks", apiKey, taskBody("refused"));
                assertThat(refused.statusCode()).as(refused.body()).isEqualTo(503);
                assertThat(refused.headers().firstValue("content-type")).hasValue("application/problem+json");
                assertThat(refused.headers().firstValue("Retry-After")).hasValue("2");
                assertThat(refused.body()).contains("/problems/overloaded").contains("more than 20 tasks");
            });
        });

        await().atMost(Duration.ofSeconds(60)).until(() -> queued.stream().allMatch(t ->
                status(t).equals("COMPLETED")));
        await().atMost(Duration.ofSeconds(30)).until(() -> gateway.send("POST", "/v1/tasks", apiKey,
                taskBody("accepted again")).statusCode() == 202);
    }

    /**
     * A fair gateway: one account holding 70 long-polls on its own slow task gets 16 (the rest 429 at once), and they
     * wait on a backend pool of their own, so another account's tasks keep their pace (they took 52-55 s when the
     * long-polls filled the one pool of 64).
     */
    @Test
    void seventyLongPollsOfOneAccountDoNotSlowAnother() throws Exception {
        gate = new CountDownLatch(1);
        String other = gateway.newApiKey();
        arithmetic(other, 5); // warm-up
        List<Long> before = arithmetic(other, 30);
        String held = submit("hold on");
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        List<CompletableFuture<HttpResponse<String>>> polls = IntStream.range(0, 70).mapToObj(i -> http.sendAsync(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create(network.gatewayUrl() + "/v1/tasks/" + held
                        + "?wait=verified")).header("Authorization", "Bearer " + apiKey)
                        .timeout(Duration.ofSeconds(120)).GET().build(),
                HttpResponse.BodyHandlers.ofString())).toList();
        await().atMost(Duration.ofSeconds(30)).until(() -> polls.stream().filter(CompletableFuture::isDone).count() >= 54);
        assertThat(polls.stream().filter(CompletableFuture::isDone).map(CompletableFuture::join)
                .filter(r -> r.statusCode() == 429 && r.body().contains("too-many-waits")).count()).isEqualTo(54);

        List<Long> during = arithmetic(other, 30);
        gate.countDown();
        long p99Before = percentile99(before);
        long p99During = percentile99(during);
        FIGURES.log(System.Logger.Level.INFO, String.format("fair gateway: other account's p99 %d ms alone, %d ms beside "
                + "70 long-polls", p99Before, p99During));
        // 2x, plus 50 ms for timer noise on a busy two-core machine
        assertThat(p99During).isLessThanOrEqualTo(2 * p99Before + 50);
        await().atMost(Duration.ofSeconds(60)).until(() -> polls.stream().allMatch(CompletableFuture::isDone));
        assertThat(polls.stream().map(CompletableFuture::join).filter(r -> r.statusCode() == 200).count())
                .as("the admitted long-polls answer once the task is verified").isEqualTo(16);
    }

    private static List<Long> arithmetic(String key, int count) throws Exception {
        List<Long> latencies = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            long start = System.nanoTime();
            gateway.json("POST", "/v1/tasks?wait=verified", key, "{\"input\":\"what is " + (i + 3) + " + 4?\"}", 200);
            latencies.add((System.nanoTime() - start) / 1_000_000);
        }
        return latencies;
    }

    private static long percentile99(List<Long> latencies) {
        List<Long> sorted = latencies.stream().sorted().toList();
        return sorted.get((int) Math.ceil(0.99 * sorted.size()) - 1);
    }

    private static String submit(String input) throws Exception {
        return gateway.json("POST", "/v1/tasks", apiKey, taskBody(input), 202).path("taskId").asText();
    }

    private static String taskBody(String input) {
        return "{\"input\":\"" + input + "\",\"skill\":\"" + SKILL + "\",\"maxPrice\":" + MAX_PRICE
                + ",\"deadlineMs\":60000}";
    }

    private static JsonNode task(String taskId) {
        try {
            return gateway.json("GET", "/v1/tasks/" + taskId, apiKey, null, 200);
        } catch (Exception e) {
            throw new IllegalStateException("cannot read task " + taskId, e);
        }
    }

    private static String status(String taskId) {
        return task(taskId).path("status").asText();
    }
}
