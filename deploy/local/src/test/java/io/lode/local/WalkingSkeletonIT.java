package io.lode.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.lode.events.Topics;
import io.lode.events.codec.EventCodec;
import io.lode.events.merkle.InclusionProof;
import io.lode.events.tasks.AgentResultReceived;
import io.lode.events.tasks.TaskCompleted;
import io.lode.events.tasks.TaskDispatched;
import io.lode.events.tasks.TaskSubmitted;

/**
 * The walking skeleton end to end, against the packaged services running as processes (started by the same
 * launcher as ./lode-local), a real Kafka broker and a real PostgreSQL: account → registered agent → task →
 * "391" with agent, verdict and fee → the agent's ledger balance grows.
 */
class WalkingSkeletonIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final long AGENT_PRICE = 1_000;
    private static final long STARTING_CREDITS = 50_000_000;

    @TempDir
    static Path dataDir;

    private static LocalNetwork network;
    private static LocalSettings settings;
    private static final ByteArrayOutputStream OUTPUT = new ByteArrayOutputStream();

    @BeforeAll
    static void startNetwork() {
        Path repoRoot = Path.of(System.getProperty("lode.repo.root", "../..")).toAbsolutePath().normalize();
        settings = LocalSettings.forTest(repoRoot, dataDir, STARTING_CREDITS, AGENT_PRICE, "3s", Map.of());
        network = LocalNetwork.start(settings, new PrintStream(OUTPUT, true, StandardCharsets.UTF_8));
    }

    @AfterAll
    static void stopNetwork() {
        if (network != null) {
            network.close();
        }
    }

    @Test
    void aTaskIsAnsweredVerifiedAndPaidThroughEveryHop() throws Exception {
        // given a consumer account with starting credits
        JsonNode account = json(post("/v1/accounts", null, ""), 201);
        String apiKey = account.get("apiKey").asText();
        String accountId = account.get("accountId").asText();
        assertThat(account.get("ledger").asText()).isEqualTo("ready");
        long agentBalanceBefore = balance(network.agentId());

        // when the consumer asks the network a question and waits for the verdict
        JsonNode task = json(post("/v1/tasks?wait=verified", apiKey, "{\"input\":\"what is 17 * 23?\"}"), 200);

        // then the answer, the agent, the verdict and the fee come back
        String taskId = task.get("taskId").asText();
        assertThat(task.get("status").asText()).isEqualTo("COMPLETED");
        assertThat(task.at("/result/output").asText()).isEqualTo("391");
        assertThat(task.at("/result/agentId").asText()).isEqualTo(network.agentId());
        assertThat(task.at("/verdict/verdict").asText()).isEqualTo("PASS");
        assertThat(task.at("/verdict/method").asText()).isEqualTo("arithmetic");
        assertThat(task.at("/fee/charged").asLong()).isEqualTo(AGENT_PRICE);

        // and the view says why the agent was chosen: the skill that matched, how well, and the parts of its score
        JsonNode routing = task.at("/attempts/0/routing");
        assertThat(routing.path("skill").asText()).as(task.toString()).isEqualTo("arithmetic");
        assertThat(routing.path("similarity").asDouble()).isBetween(0.15, 1.0);
        assertThat(routing.path("matching").asBoolean()).isTrue();
        assertThat(routing.path("explored").asBoolean()).isFalse();
        JsonNode score = routing.path("score");
        assertThat(score.path("similarity").asDouble() + score.path("reputation").asDouble()
                + score.path("price").asDouble() + score.path("latency").asDouble() + score.path("load").asDouble())
                .isCloseTo(score.path("total").asDouble(), org.assertj.core.data.Offset.offset(0.001));

        // and the ledger pays the agent the fee less the protocol fee, and charges the consumer the fee
        JsonNode settled = await().atMost(Duration.ofSeconds(20)).until(
                () -> json(get("/v1/tasks/" + taskId, apiKey), 200), t -> t.at("/fee/paidToAgent").isNumber());
        long paidToAgent = settled.at("/fee/paidToAgent").asLong();
        assertThat(paidToAgent + settled.at("/fee/protocolFee").asLong()).isEqualTo(AGENT_PRICE);
        assertThat(paidToAgent).isPositive();
        assertThat(balance(network.agentId())).isEqualTo(agentBalanceBefore + paidToAgent);
        assertThat(balance(accountId)).isEqualTo(STARTING_CREDITS - AGENT_PRICE);

        // and every hop was a real Avro event on the broker and a real row in PostgreSQL
        List<Class<?>> taskEvents = eventsOf(taskId).stream().<Class<?>>map(Object::getClass).toList();
        assertThat(taskEvents).containsSubsequence(TaskSubmitted.class, TaskDispatched.class,
                AgentResultReceived.class, TaskCompleted.class);
        assertThat(postingsOfTask(taskId)).isEqualTo(2);

        // and a later epoch proves the agent's new balance against its published Merkle root
        long agentBalance = balance(network.agentId());
        JsonNode proof = await().atMost(Duration.ofSeconds(30)).until(() -> {
            HttpResponse<String> latest = get("/v1/epochs/latest", null);
            if (latest.statusCode() != 200) {
                return null;
            }
            HttpResponse<String> found = get("/v1/epochs/" + JSON.readTree(latest.body()).get("epoch").asLong()
                    + "/proofs/" + network.agentId(), network.auditorToken());
            return found.statusCode() == 200 ? JSON.readTree(found.body()) : null;
        }, p -> p != null && p.get("balance").asLong() == agentBalance);
        InclusionProof parsed = JSON.treeToValue(proof, InclusionProof.class);
        String root = json(get("/v1/epochs/" + parsed.epoch(), null), 200).get("merkleRoot").asText();
        assertThat(parsed.verifies(root)).isTrue();
        assertThat(new InclusionProof(parsed.epoch(), parsed.accountId(), agentBalance + 1, parsed.path(), root)
                .verifies(root)).isFalse();
    }

    @Test
    void everyServiceCountsWhatTheNetworkDidAndTheDashboardAndAlertsNameOnlyMetricsThatExist() throws Exception {
        String apiKey = json(post("/v1/accounts", null, ""), 201).get("apiKey").asText();
        Map<String, PrometheusText> before = scrapeAll();

        long paid = 0;
        for (int i = 0; i < 2; i++) {
            JsonNode task = json(post("/v1/tasks?wait=verified", apiKey, "{\"input\":\"what is " + (40 + i)
                    + " + 2?\"}"), 200);
            assertThat(task.get("status").asText()).isEqualTo("COMPLETED");
            String path = "/v1/tasks/" + task.get("taskId").asText();
            paid += await().atMost(Duration.ofSeconds(20)).until(() -> json(get(path, apiKey), 200),
                    t -> t.at("/fee/paidToAgent").isNumber()).at("/fee/paidToAgent").asLong();
        }
        JsonNode refused = json(post("/v1/tasks?wait=verified", apiKey,
                "{\"input\":\"what is 1 + 1?\",\"skill\":\"no-such-skill\",\"maxPrice\":5000}"), 200);
        assertThat(refused.get("status").asText()).isEqualTo("FAILED");

        long paidToAgents = paid;
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            Map<String, PrometheusText> after = scrapeAll();
            assertThat(delta(before, after, "orchestrator-service", "lode_tasks_submitted_total",
                    Map.of("kind", "consumer"))).isGreaterThanOrEqualTo(3);
            assertThat(delta(before, after, "orchestrator-service", "lode_tasks_ended_total",
                    Map.of("status", "COMPLETED", "reason", "verified"))).isGreaterThanOrEqualTo(2);
            assertThat(delta(before, after, "orchestrator-service", "lode_tasks_ended_total",
                    Map.of("status", "FAILED", "reason", "no-agent"))).isGreaterThanOrEqualTo(1);
            assertThat(delta(before, after, "verifier-service", "lode_verdicts_total",
                    Map.of("kind", "consumer", "method", "arithmetic", "verdict", "PASS"))).isGreaterThanOrEqualTo(2);
            assertThat(delta(before, after, "reward-service", "lode_paid_to_agents_micros_total", Map.of()))
                    .isGreaterThanOrEqualTo(paidToAgents);
            assertThat(delta(before, after, "reward-service", "lode_refunded_micros_total", Map.of()))
                    .as("the refused task's whole escrow, and what the others did not cost").isGreaterThanOrEqualTo(5000);
            assertThat(after.get("reward-service").has("lode_escrow_open_micros")).isTrue();
            assertThat(after).allSatisfy((service, metrics) -> assertThat(metrics.has("lode_outbox_oldest_age_seconds")
                    && metrics.has("lode_outbox_rows")).as(service).isTrue());
        });

        // Every metric the Grafana dashboard and the chart's alert rules use is one some service exposes; dead
        // letters only once a record went to a dead-letter topic.
        Map<String, PrometheusText> now = scrapeAll();
        java.util.Set<String> used = new java.util.TreeSet<>(PrometheusText.metricNamesIn(
                settings.repoRoot().resolve("deploy/grafana/lode-dashboard.json")));
        used.addAll(PrometheusText.metricNamesIn(settings.repoRoot().resolve(
                "deploy/helm/lode/templates/prometheusrule.yaml")));
        assertThat(used).contains("lode_tasks_ended_total", "lode_verdicts_total", "lode_outbox_oldest_age_seconds");
        assertThat(used).filteredOn(name -> !name.equals("lode_dead_letters_total"))
                .allMatch(name -> now.values().stream().anyMatch(m -> m.has(name)), "exposed by some service");
    }

    @Test
    void aConsumerListsItsOwnTasksNewestFirstInCursorPagesAndByStatus() throws Exception {
        String apiKey = json(post("/v1/accounts", null, ""), 201).get("apiKey").asText();
        List<String> submitted = new ArrayList<>();
        for (String input : List.of("what is 2 + 2?", "what is 3 + 3?")) {
            submitted.add(json(post("/v1/tasks?wait=verified", apiKey, "{\"input\":\"" + input + "\"}"), 200)
                    .get("taskId").asText());
        }
        submitted.add(json(post("/v1/tasks?wait=verified", apiKey, "{\"input\":\"" + "x".repeat(300)
                + "\",\"skill\":\"no-such-skill\"}"), 200).get("taskId").asText());

        JsonNode first = json(get("/v1/tasks?limit=2", apiKey), 200);
        assertThat(first.path("items")).extracting(t -> t.path("taskId").asText())
                .containsExactly(submitted.get(2), submitted.get(1));
        assertThat(first.at("/items/0/input").asText()).hasSize(201).endsWith("…");
        assertThat(first.at("/items/0/attempts").isMissingNode()).isTrue();
        JsonNode second = json(get("/v1/tasks?limit=2&cursor=" + first.path("nextCursor").asText(), apiKey), 200);
        assertThat(second.path("items")).extracting(t -> t.path("taskId").asText()).containsExactly(submitted.get(0));
        assertThat(second.has("nextCursor")).isFalse();

        JsonNode failed = json(get("/v1/tasks?status=FAILED", apiKey), 200);
        assertThat(failed.path("items")).extracting(t -> t.path("taskId").asText()).containsExactly(submitted.get(2));
        assertThat(failed.at("/items/0/reason").asText()).startsWith("no active agent");
        // nobody else's tasks, and bad parameters are problems
        String other = json(post("/v1/accounts", null, ""), 201).get("apiKey").asText();
        assertThat(json(get("/v1/tasks", other), 200).path("items")).isEmpty();
        assertProblem(get("/v1/tasks?status=DONE", apiKey), 400, "bad-parameter");
        assertProblem(get("/v1/tasks?limit=0", apiKey), 400, "bad-parameter");
        assertProblem(get("/v1/tasks?cursor=bm9wZQ", apiKey), 400, "bad-parameter");
        assertThat(get("/v1/tasks", null).statusCode()).isEqualTo(401);
    }

    @Test
    void logsAreJsonLinesAndTheVerifiersDecisionNamesItsTaskAndAgent() throws Exception {
        String apiKey = json(post("/v1/accounts", null, ""), 201).get("apiKey").asText();
        JsonNode task = json(post("/v1/tasks?wait=verified", apiKey, "{\"input\":\"what is 6 * 7?\"}"), 200);
        String taskId = task.get("taskId").asText();

        // the decision, with the task and the agent in the MDC of its line
        JsonNode decision = await().atMost(Duration.ofSeconds(10)).until(() -> jsonLines("verifier-service").stream()
                .filter(line -> line.at("/mdc/taskId").asText().equals(taskId)
                        && line.path("message").asText().startsWith("verdict PASS by arithmetic"))
                .findFirst().orElse(null), java.util.Objects::nonNull);
        assertThat(decision.at("/mdc/agentId").asText()).isEqualTo(network.agentId());
        assertThat(decision.path("level").asText()).isEqualTo("INFO");
        assertThat(decision.path("timestamp").asText()).matches("\\d{4}-\\d{2}-\\d{2}T.*");
        // every service writes JSON lines with a level and a logger
        for (String service : List.of("gateway-service", "registry-service", "orchestrator-service", "reward-service")) {
            assertThat(jsonLines(service)).as(service).isNotEmpty()
                    .allSatisfy(line -> assertThat(line.has("level") && line.has("loggerName")).isTrue());
        }
    }

    /**
     * A service's log records, each line read as JSON: the log records are JSON (one failing to parse fails the
     * test); what the JVM itself prints before logging starts (a warning) is not a record and is skipped.
     */
    private static List<JsonNode> jsonLines(String service) throws Exception {
        List<JsonNode> lines = new ArrayList<>();
        for (String line : java.nio.file.Files.readAllLines(network.logOf(service))) {
            if (line.startsWith("{")) {
                lines.add(JSON.readTree(line));
            }
        }
        return lines;
    }

    private Map<String, PrometheusText> scrapeAll() throws Exception {
        Map<String, PrometheusText> scraped = new java.util.TreeMap<>();
        for (Map.Entry<String, Integer> service : network.managementPorts().entrySet()) {
            if (service.getKey().endsWith("-service")) {
                scraped.put(service.getKey(), PrometheusText.scrape(service.getValue()));
            }
        }
        assertThat(scraped).hasSize(5);
        return scraped;
    }

    private static double delta(Map<String, PrometheusText> before, Map<String, PrometheusText> after, String service,
                                String name, Map<String, String> labels) {
        return after.get(service).sum(name, labels) - before.get(service).sum(name, labels);
    }

    @Test
    void aTaskNoAgentCanDoFailsNamingTheSkillsThatCameClosestAndCostsNothing() throws Exception {
        JsonNode account = json(post("/v1/accounts", null, ""), 201);
        String apiKey = account.get("apiKey").asText();
        String taskId = json(post("/v1/tasks", apiKey, "{\"input\":\"qwxz plorf vrumble\"}"), 202).get("taskId")
                .asText();
        JsonNode failed = await().atMost(Duration.ofSeconds(20)).until(
                () -> json(get("/v1/tasks/" + taskId, apiKey), 200), t -> t.path("status").asText().equals("FAILED"));
        assertThat(failed.path("reason").asText()).contains("has a skill close enough to the task")
                .containsPattern("closest: arithmetic \\(0\\.\\d\\d\\)");
        assertThat(failed.path("attempts")).isEmpty();
        // the escrowed fee comes back whole
        JsonNode refunded = await().atMost(Duration.ofSeconds(20)).until(
                () -> json(get("/v1/tasks/" + taskId, apiKey), 200), t -> t.at("/fee/refunded").isNumber());
        assertThat(refunded.at("/fee/refunded").asLong()).isPositive();
        assertThat(balance(account.get("accountId").asText())).isEqualTo(STARTING_CREDITS);
    }

    @Test
    void aSubmissionRetriedWithItsIdempotencyKeyIsTheSameTaskChargedOnce() throws Exception {
        JsonNode account = json(post("/v1/accounts", null, ""), 201);
        String apiKey = account.get("apiKey").asText();
        String accountId = account.get("accountId").asText();
        String key = java.util.UUID.randomUUID().toString();
        String body = "{\"input\":\"what is 6 * 7?\"}";

        HttpResponse<String> first = post("/v1/tasks", apiKey, body, key);
        String taskId = json(first, 202).get("taskId").asText();
        HttpResponse<String> retry = post("/v1/tasks", apiKey, body, key);

        assertThat(json(retry, 202).get("taskId").asText()).isEqualTo(taskId);
        assertThat(retry.headers().firstValue("Idempotent-Replayed")).hasValue("true");
        assertThat(first.headers().firstValue("Idempotent-Replayed")).isEmpty();
        // the Location is the gateway's, never the orchestrator's internal address
        assertThat(URI.create(network.gatewayUrl() + "/").resolve(first.headers().firstValue("Location").orElseThrow()))
                .isEqualTo(URI.create(network.gatewayUrl() + "/v1/tasks/" + taskId));
        // the key with another body is refused, whatever the body; a key that is no key is refused
        assertProblem(post("/v1/tasks", apiKey, "{\"input\":\"what is 6 * 8?\"}", key), 422,
                "idempotency-key-reused");
        assertProblem(post("/v1/tasks", apiKey, body, "has spaces in it"), 400, "bad-idempotency-key");
        assertProblem(post("/v1/tasks", apiKey, body, "k".repeat(256)), 400, "bad-idempotency-key");
        // another account's same key is its own
        String otherKey = json(post("/v1/accounts", null, ""), 201).get("apiKey").asText();
        assertThat(json(post("/v1/tasks", otherKey, body, key), 202).get("taskId").asText()).isNotEqualTo(taskId);

        JsonNode settled = await().atMost(Duration.ofSeconds(30)).until(
                () -> json(get("/v1/tasks/" + taskId, apiKey), 200), t -> t.at("/fee/paidToAgent").isNumber());
        assertThat(settled.at("/result/output").asText()).isEqualTo("42");
        assertThat(count("orchestrator", "SELECT count(*) FROM task WHERE account_id = ?", accountId)).isEqualTo(1);
        assertThat(balance(accountId)).isEqualTo(STARTING_CREDITS - AGENT_PRICE);
    }

    @Test
    void backendsBelieveOnlyTheGatewayAboutWhoIsCalling() throws Exception {
        // a consumer's task, through the gateway
        JsonNode account = json(post("/v1/accounts", null, ""), 201);
        String taskId = json(post("/v1/tasks?wait=verified", account.get("apiKey").asText(),
                "{\"input\":\"what is 2 + 2?\"}"), 200).get("taskId").asText();
        String victim = account.get("accountId").asText();

        // straight to each backend's port, a made-up account or client address is refused before anything runs
        Map<String, Integer> backends = Map.of("registry", settings.registryPort(), "orchestrator",
                settings.orchestratorPort(), "reward", settings.rewardPort(), "verifier", settings.verifierPort());
        Map<String, String> paths = Map.of("registry", "/v1/agents", "orchestrator", "/v1/tasks/" + taskId,
                "reward", "/v1/ledger/accounts/" + victim, "verifier", "/v1/verifier/keys");
        for (Map.Entry<String, Integer> backend : backends.entrySet()) {
            for (String[] header : List.of(new String[] {"X-Lode-Account", victim},
                    new String[] {"X-Forwarded-For", "198.51.100.7"},
                    new String[] {"X-Lode-Gateway-Proof", "v1." + System.currentTimeMillis() + ".AAAA"})) {
                HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + backend.getValue()
                        + paths.get(backend.getKey()))).header(header[0], header[1]);
                if (!header[0].equals("X-Lode-Account")) {
                    request.header("X-Lode-Account", victim); // a proof for nothing in particular vouches for nothing
                }
                HttpResponse<String> direct = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
                assertThat(direct.statusCode()).as(backend.getKey() + " with " + header[0]).isEqualTo(401);
                assertThat(JSON.readTree(direct.body()).path("type").asText())
                        .isEqualTo("https://lode.dev/problems/gateway-proof-required");
            }
        }
        // and the owner still reads the task through the gateway
        json(get("/v1/tasks/" + taskId, account.get("apiKey").asText()), 200);
    }

    @Test
    void anAccountsLedgerIsItsOwnersToReadAndTheWholeLedgerTheAuditors() throws Exception {
        JsonNode mine = json(post("/v1/accounts", null, ""), 201);
        JsonNode theirs = json(post("/v1/accounts", null, ""), 201);
        String myKey = mine.get("apiKey").asText();
        String me = mine.get("accountId").asText();
        String them = theirs.get("accountId").asText();

        assertThat(json(get("/v1/ledger/accounts/" + me, myKey), 200).get("available").asLong())
                .isEqualTo(STARTING_CREDITS);
        json(get("/v1/ledger/accounts/" + me + "/entries", myKey), 200);
        assertProblem(get("/v1/ledger/accounts/" + them, myKey), 403, "not-your-account");
        assertProblem(get("/v1/ledger/accounts/" + them + "/entries", myKey), 403, "not-your-account");
        assertProblem(get("/v1/ledger/accounts/" + me, null), 401, "unauthenticated");
        assertProblem(get("/v1/ledger/accounts/" + network.agentId() + "/entries", null), 401, "unauthenticated");
        assertProblem(get("/v1/ledger/balances", myKey), 401, "auditor-token-required");
        assertProblem(get("/v1/ledger/balances", "not-the-auditor"), 401, "auditor-token-required");
        assertThat(json(get("/v1/ledger/balances?limit=5000", network.auditorToken()), 200).path("items")
                .findValuesAsText("accountId")).contains(me, them);
        // one paging style: {items, nextCursor}, the cursor continuing where the page ended, no row twice
        JsonNode firstBalances = json(get("/v1/ledger/balances?limit=2", network.auditorToken()), 200);
        JsonNode nextBalances = json(get("/v1/ledger/balances?limit=2&cursor=" + firstBalances.path("nextCursor")
                .asText(), network.auditorToken()), 200);
        assertThat(firstBalances.path("items")).hasSize(2);
        assertThat(nextBalances.path("items").findValuesAsText("accountId"))
                .doesNotContainAnyElementsOf(firstBalances.path("items").findValuesAsText("accountId"));
        assertThat(nextBalances.path("items").get(0).path("accountId").asText())
                .isGreaterThan(firstBalances.path("items").get(1).path("accountId").asText());
        json(post("/v1/tasks?wait=verified", myKey, "{\"input\":\"what is 9 + 9?\"}"), 200);
        JsonNode entries = await().atMost(Duration.ofSeconds(20)).until(() -> json(get("/v1/ledger/accounts/" + me
                + "/entries?limit=1", myKey), 200), e -> e.hasNonNull("nextCursor"));
        JsonNode older = json(get("/v1/ledger/accounts/" + me + "/entries?limit=1&cursor="
                + entries.path("nextCursor").asText(), myKey), 200);
        assertThat(older.at("/items/0/txId").asLong()).isLessThan(entries.at("/items/0/txId").asLong());
        assertProblem(get("/v1/ledger/accounts/" + me + "/entries?cursor=bm9wZQ", myKey), 400, "bad-parameter");

        // the agent's key holder reads the agent's account with a request signed by that key, and only that
        java.security.KeyPair agentKeys = io.lode.identity.KeyFile.read(dataDir.resolve("agents/arithmetic.key"));
        String path = "/v1/ledger/accounts/" + network.agentId();
        HttpResponse<String> signed = HTTP.send(HttpRequest.newBuilder(URI.create(network.gatewayUrl() + path))
                .header(io.lode.identity.AgentReadProofs.HEADER, io.lode.identity.AgentReadProofs.sign(agentKeys,
                        "GET", path, java.time.Instant.now())).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(signed.statusCode()).as(signed.body()).isEqualTo(200);
        String other = "/v1/ledger/accounts/" + me;
        HttpResponse<String> elsewhere = HTTP.send(HttpRequest.newBuilder(URI.create(network.gatewayUrl() + other))
                .header(io.lode.identity.AgentReadProofs.HEADER, io.lode.identity.AgentReadProofs.sign(agentKeys,
                        "GET", other, java.time.Instant.now())).build(), HttpResponse.BodyHandlers.ofString());
        assertProblem(elsewhere, 403, "not-your-account");
        // epochs publish their roots to everyone
        assertThat(get("/v1/epochs/parameters", null).statusCode()).isEqualTo(200);
    }

    private static int status(int port, String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    @Test
    void workForAnAccountOpenedWithTheAgentsOwnKeyEarnsTheAgentNoReputation() throws Exception {
        // an account opened with the demo agent's own key (a signed opening), and one opened by someone else
        java.security.KeyPair agentKeys = io.lode.identity.KeyFile.read(dataDir.resolve("agents/arithmetic.key"));
        String opening = io.lode.identity.SignedRequests.sign(JSON.createObjectNode().put("action", "open-account"),
                agentKeys, UUID.randomUUID().toString(), java.time.Instant.now().plusSeconds(300)).toString();
        JsonNode self = json(post("/v1/accounts", null, opening), 201);
        String selfKey = self.get("apiKey").asText();
        String otherKey = json(post("/v1/accounts", null, ""), 201).get("apiKey").asText();
        // the verifier learns the link from lode.accounts, on its own time (the gateway waits for the ledger only)
        await().atMost(Duration.ofSeconds(30)).until(() -> linkedInTheVerifier(self.get("accountId").asText()));

        // when the agent answers both, paid and verified
        String selfTask = json(post("/v1/tasks?wait=verified", selfKey, "{\"input\":\"what is 12 * 12?\"}"), 200)
                .get("taskId").asText();
        String otherTask = json(post("/v1/tasks?wait=verified", otherKey, "{\"input\":\"what is 13 * 13?\"}"),
                200).get("taskId").asText();
        String selfResult = resultEventId(selfTask);
        String otherResult = resultEventId(otherTask);

        // then the other consumer's task moves the agent's reputation and its own account's does not
        List<String> causes = topics().records(Topics.AGENTS.name(), network.agentId(), found -> found.stream()
                        .anyMatch(r -> otherResult.equals(causeOf(r)))).stream().map(WalkingSkeletonIT::causeOf)
                .toList();
        assertThat(causes).contains(otherResult).doesNotContain(selfResult);
    }

    private static boolean linkedInTheVerifier(String accountId) throws Exception {
        return count("verifier", "SELECT count(*) FROM account_owner WHERE account_id = ?", accountId) == 1;
    }

    private static String resultEventId(String taskId) {
        return topics().records(Topics.TASKS.name(), taskId, found -> found.stream().anyMatch(
                        r -> EventCodec.shared().decode(r.value()) instanceof AgentResultReceived)).stream()
                .map(r -> EventCodec.shared().decode(r.value())).filter(AgentResultReceived.class::isInstance)
                .map(e -> ((AgentResultReceived) e).getEnvelope().getEventId()).findFirst().orElseThrow();
    }

    private static String causeOf(ConsumerRecord<String, byte[]> record) {
        Object event = EventCodec.shared().decode(record.value());
        return event instanceof io.lode.events.agents.ReputationChanged changed
                ? changed.getEnvelope().getCausationId() : null;
    }

    private static void assertProblem(HttpResponse<String> response, int status, String type) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(JSON.readTree(response.body()).path("type").asText()).isEqualTo("https://lode.dev/problems/" + type);
    }

    @Test
    void badInputGetsProblemJsonAndNothingIsStored() throws Exception {
        HttpResponse<String> noKey = post("/v1/tasks", null, "{\"input\":\"what is 1 + 1?\"}");
        assertThat(noKey.statusCode()).isEqualTo(401);
        assertThat(noKey.headers().firstValue("content-type")).hasValueSatisfying(
                t -> assertThat(t).startsWith("application/problem+json"));

        String apiKey = json(post("/v1/accounts", null, ""), 201).get("apiKey").asText();
        HttpResponse<String> blank = post("/v1/tasks", apiKey, "{\"input\":\"  \"}");
        assertThat(blank.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(blank.body()).get("detail").asText()).contains("input");

        HttpResponse<String> unsigned = post("/v1/agents", null, "{\"cardUrl\":\"http://127.0.0.1:1/card\"}");
        assertThat(unsigned.statusCode()).isEqualTo(401);
        assertThat(JSON.readTree(unsigned.body()).get("type").asText()).endsWith("invalid-signature");
    }

    @Test
    void anAccountOpenedWithASignatureIsTiedToThatKeyAndAnAlteredOneIsRefused() throws Exception {
        java.security.KeyPair keys = io.lode.identity.AgentKeys.generate();
        com.fasterxml.jackson.databind.node.ObjectNode opening = io.lode.identity.SignedRequests.sign(
                JSON.createObjectNode().put("action", "open-account"), keys, java.util.UUID.randomUUID().toString(),
                java.time.Instant.now().plusSeconds(120));

        JsonNode account = json(post("/v1/accounts", null, opening.toString()), 201);
        assertThat(account.get("ownerKey").asText()).isEqualTo(io.lode.identity.AgentKeys.encodePublic(keys.getPublic()));

        HttpResponse<String> altered = post("/v1/accounts", null, opening.put("action", "open-account ").toString());
        assertThat(altered.statusCode()).isEqualTo(400);
        opening.put("action", "open-account").put("nonce", "another-nonce-123");
        HttpResponse<String> forged = post("/v1/accounts", null, opening.toString());
        assertThat(forged.statusCode()).isEqualTo(401);
        assertThat(JSON.readTree(forged.body()).get("type").asText()).endsWith("invalid-signature");
    }

    @Test
    void anUndecodableRecordGoesToTheDeadLetterTopicAndConsumersKeepGoing() throws Exception {
        // given garbage on a topic the reward and verifier services consume
        topics().publish(Topics.TASKS.name(), "poison", "this is not an avro event".getBytes(StandardCharsets.UTF_8));

        // then each consumer parks it in its own dead-letter topic, with the reason in headers
        ConsumerRecord<String, byte[]> parked = firstRecord(Topics.deadLetters("reward-service").name(), "poison");
        assertThat(new String(parked.value(), StandardCharsets.UTF_8)).isEqualTo("this is not an avro event");
        assertThat(parked.headers().lastHeader("dead-letter-reason")).isNotNull();
        assertThat(new String(parked.headers().lastHeader("dead-letter-reason").value(), StandardCharsets.UTF_8))
                .contains("marker");
        assertThat(firstRecord(Topics.deadLetters("verifier-service").name(), "poison")).isNotNull();

        // and the network still answers
        String apiKey = json(post("/v1/accounts", null, ""), 201).get("apiKey").asText();
        JsonNode task = json(post("/v1/tasks?wait=verified", apiKey, "{\"input\":\"what is 6 * 7?\"}"), 200);
        assertThat(task.at("/result/output").asText()).isEqualTo("42");
        // settled before the next test reads the agent's balance
        await().atMost(Duration.ofSeconds(20)).until(() -> json(get("/v1/tasks/" + task.get("taskId").asText(), apiKey),
                200), t -> t.at("/fee/paidToAgent").isNumber());
    }

    @Test
    void everyServiceServesHealthMetricsAndOpenApi() throws Exception {
        for (Map.Entry<String, Integer> service : network.servicePorts().entrySet()) {
            int management = network.managementPorts().get(service.getKey());
            for (String path : List.of("/q/health/live", "/q/health/ready", "/q/metrics")) {
                assertThat(status(management, path)).as(service.getKey() + " management " + path).isEqualTo(200);
                // health and metrics are not on the API port, which the monitoring namespaces cannot reach
                assertThat(status(service.getValue(), path)).as(service.getKey() + " API " + path).isEqualTo(404);
            }
            assertThat(status(service.getValue(), "/q/openapi")).as(service.getKey() + "/q/openapi").isEqualTo(200);
        }
        // and the gateway serves one document for the whole public API, and only for it
        JsonNode api = json(get("/v1/openapi.json", null), 200);
        assertThat(api.path("paths").fieldNames()).toIterable().contains("/v1/accounts", "/v1/agents", "/v1/tasks",
                "/v1/tasks/{taskId}/events", "/v1/ledger/balances", "/v1/epochs/latest", "/v1/verifier/keys")
                .allMatch(path -> path.startsWith("/v1/"));
        assertThat(api.has("x-lode-unavailable")).as(api.path("x-lode-unavailable").toString()).isFalse();
        assertThat(api.at("/paths/~1v1~1tasks/post/security/0").has("apiKey")).isTrue();
        // and it is the caller's view: no header only the gateway sets, an id for each operation, the stream as SSE
        List<String> headers = new ArrayList<>();
        List<String> operationIds = new ArrayList<>();
        api.path("paths").forEach(item -> item.forEach(operation -> {
            operation.path("parameters").forEach(p -> headers.add(p.path("in").asText() + ":" + p.path("name").asText()));
            operationIds.add(operation.path("operationId").asText());
        }));
        assertThat(headers).noneMatch(h -> h.equalsIgnoreCase("header:X-Lode-Account"));
        assertThat(operationIds).doesNotContain("").doesNotHaveDuplicates();
        assertThat(api.at("/paths/~1v1~1tasks~1{taskId}~1events/get/responses/200/content").has("text/event-stream"))
                .isTrue();
        // and it says who may read the ledger
        assertThat(api.at("/paths/~1v1~1ledger~1accounts~1{accountId}/get/description").asText())
                .contains("owner only");
        assertThat(api.at("/paths/~1v1~1ledger~1balances/get/description").asText()).contains("auditor");

        // the success each operation really answers, each with what it returns
        assertThat(api.at("/paths/~1v1~1accounts/post/responses").fieldNames()).toIterable().contains("201")
                .doesNotContain("200");
        assertThat(api.at("/paths/~1v1~1tasks/post/responses").fieldNames()).toIterable().contains("202", "200");
        assertThat(api.at("/paths/~1v1~1tasks~1{taskId}~1dispute/post/responses").has("202")).isTrue();
        assertThat(api.at("/paths/~1v1~1agents/post/responses").fieldNames()).toIterable().contains("202")
                .doesNotContain("200");
        assertThat(api.at("/paths/~1v1~1agents~1{agentId}/delete/responses").fieldNames()).toIterable()
                .contains("204").doesNotContain("200");
        assertThat(api.at("/paths/~1v1~1accounts~1me~1key/delete/responses").has("204")).isTrue();
        List<String> bodiless = new ArrayList<>();
        api.path("paths").properties().forEach(path -> path.getValue().properties().forEach(op -> op.getValue()
                .path("responses").properties().forEach(response -> {
                    if (response.getKey().startsWith("2") && !response.getKey().equals("204")
                            && !response.getValue().has("content")) {
                        bodiless.add(op.getKey() + " " + path.getKey() + " " + response.getKey());
                    }
                })));
        assertThat(bodiless).as("successes documented without a body").isEmpty();

        // and Redocly's recommended rules find nothing wrong with it
        Path lint = JsSdk.installed(Path.of("openapi-lint").toAbsolutePath(), "@redocly/cli");
        Path document = Files.createDirectories(Path.of("target")).resolve("lode-openapi.json").toAbsolutePath();
        Files.writeString(document, api.toPrettyString());
        Process redocly = new ProcessBuilder("node", "node_modules/@redocly/cli/bin/cli.js", "lint", "--format=json",
                document.toString()).directory(lint.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String report = new String(redocly.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(redocly.waitFor(120, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        JsonNode totals = GatewayClient.JSON.readTree(report.substring(report.indexOf('{'))).path("totals");
        assertThat(totals.path("errors").asInt()).as("redocly lint of %s:%n%s", document, report).isZero();
    }

    private static TopicProbe topics() {
        return TopicProbe.of(network);
    }

    private static ConsumerRecord<String, byte[]> firstRecord(String topic, String key) {
        return topics().records(topic, key, found -> !found.isEmpty()).get(0);
    }

    /** As the network's auditor reads it (an account's ledger is otherwise its owner's alone). */
    private static long balance(String accountId) throws Exception {
        HttpResponse<String> response = get("/v1/ledger/accounts/" + accountId, network.auditorToken());
        return response.statusCode() == 404 ? 0 : json(response, 200).get("available").asLong();
    }

    private static List<SpecificRecord> eventsOf(String taskId) {
        return topics().records(Topics.TASKS.name(), taskId, found -> found.stream()
                        .anyMatch(r -> EventCodec.shared().decode(r.value()) instanceof TaskCompleted)).stream()
                .map(r -> (SpecificRecord) EventCodec.shared().decode(r.value())).toList();
    }

    private static int postingsOfTask(String taskId) throws Exception {
        return count("reward", "SELECT count(*) FROM ledger_transaction WHERE task_id = ?", taskId);
    }

    /** {@code sql}, a count with one parameter, in a service's own database. */
    private static int count(String database, String sql, String parameter) throws Exception {
        try (Connection connection = DriverManager.getConnection(network.infrastructure().database(database),
                network.infrastructure().databaseUser(), network.infrastructure().databasePassword());
             PreparedStatement select = connection.prepareStatement(sql)) {
            select.setString(1, parameter);
            try (ResultSet rows = select.executeQuery()) {
                rows.next();
                return rows.getInt(1);
            }
        }
    }

    private static HttpResponse<String> post(String path, String apiKey, String body) throws Exception {
        return post(path, apiKey, body, null);
    }

    private static HttpResponse<String> post(String path, String apiKey, String body, String idempotencyKey)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(network.gatewayUrl() + path))
                .timeout(Duration.ofSeconds(60)).header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (apiKey != null) {
            request.header("Authorization", "Bearer " + apiKey);
        }
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> get(String path, String apiKey) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(network.gatewayUrl() + path))
                .timeout(Duration.ofSeconds(30));
        if (apiKey != null) {
            request.header("Authorization", "Bearer " + apiKey);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(HttpResponse<String> response, int expectedStatus) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(expectedStatus);
        return JSON.readTree(response.body());
    }
}
