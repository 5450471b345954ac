package io.lode.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

import io.lode.agents.a2a.A2aAgentServer.ReceivedRequest;
import io.lode.agents.a2a.A2aAgentServer.SkillCard;
import io.lode.agents.arithmetic.ArithmeticSolver;
import io.lode.agents.misbehaving.ConstantAnswer;
import io.lode.agents.misbehaving.HoneypotGamer;
import io.lode.agents.misbehaving.LyingCalculator;
import io.lode.agents.text.ExtractiveSummariser;
import io.lode.events.Envelopes;
import io.lode.events.Topics;
import io.lode.events.agents.ReputationChanged;
import io.lode.events.codec.EventCodec;
import io.lode.events.exams.HoneypotRequested;
import io.lode.events.tasks.AgentResultReceived;
import io.lode.events.tasks.CallOutcome;
import io.lode.events.tasks.TaskKind;
import io.lode.events.verdicts.ResultVerdict;
import io.lode.identity.VerifierKeyring;
import io.lode.reward.audit.Records;
import io.lode.reward.escrow.ReceiptCheck;

/**
 * Verification through the whole network with real agents: an honest agent leaves probation with a rising score,
 * a lying calculator is caught and suspended, an agent whose work nothing can check never leaves probation, a
 * constant summariser fails its exam with reasons, honeypots look like any task to the agent, every verdict carries
 * a receipt that checks against the verifier's key, and contract-breaking events go to the verifier's DLQ.
 */
class VerificationIT {

    private static final long PRICE = 100;
    private static final long MAX_PRICE = 1_000;

    @TempDir
    static Path dataDir;

    private static RunningNetwork running;
    private static GatewayClient gateway;
    private static TestAgents agents;
    private static TopicProbe topics;
    private static String apiKey;
    private static final SplittableRandom RANDOM = new SplittableRandom(5);

    @BeforeAll
    static void startNetwork() throws Exception {
        running = RunningNetwork.start(dataDir, Map.of("LODE_VERIFIER_HONEYPOT_SHARE", "0.6",
                "LODE_VERIFIER_HONEYPOT_MAX_DELAY", "3s"));
        gateway = running.gateway();
        agents = running.agents();
        topics = running.topics();
        apiKey = gateway.newApiKey();
    }

    @AfterAll
    static void stop() {
        if (running != null) {
            running.close();
        }
    }

    @Test
    void anHonestAgentLeavesProbationWithARisingScoreAndItsHoneypotsLookLikeAnyOtherTask() throws Exception {
        TestAgents.Running honest = agents.register("honest", arithmetic("products"), PRICE, new ArithmeticSolver());
        await().atMost(Duration.ofSeconds(60)).until(() -> agents.hasStatus(honest.agentId(), "ACTIVE"));
        assertThat(agents.page(honest.agentId()).path("probation").asBoolean()).isTrue();

        List<String> taskIds = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            JsonNode task = submit("What is " + RANDOM.nextInt(2, 999) + " * " + RANDOM.nextInt(2, 999) + "?",
                    "products");
            assertThat(task.path("status").asText()).as(task.toString()).isEqualTo("COMPLETED");
            assertThat(task.at("/verdict/verdict").asText()).isEqualTo("PASS");
            taskIds.add(task.path("taskId").asText());
        }

        JsonNode page = await().atMost(Duration.ofSeconds(30)).until(() -> agents.page(honest.agentId()),
                p -> !p.path("probation").asBoolean());
        assertThat(page.path("status").asText()).isEqualTo("ACTIVE");
        assertThat(page.path("reputation").asDouble()).isGreaterThan(0.8);

        // what the explorer shows of it, through the gateway and without a key: its verdicts, its reputation over
        // time (the last point is where the page stands), and its pay — the twelve tasks' pay to the micro-unit
        JsonNode verdicts = gateway.json("GET", "/v1/verifier/verdicts/" + honest.agentId(), null, null, 200);
        assertThat(verdicts.at("/overall/verdicts").asLong()).isGreaterThanOrEqualTo(12);
        assertThat(verdicts.at("/overall/failures").asLong()).isZero();
        assertThat(verdicts.at("/overall/probation").asBoolean()).isFalse();
        assertThat(verdicts.path("skills")).isNotEmpty().allSatisfy(skill -> assertThat(skill.path("failures")
                .asLong()).isZero());
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode history = gateway.json("GET", "/v1/agents/" + honest.agentId() + "/reputation?days=1", null,
                    null, 200);
            JsonNode last = history.path("points").get(history.path("points").size() - 1);
            assertThat(last.path("reputation").asDouble()).isEqualTo(agents.page(honest.agentId())
                    .path("reputation").asDouble());
        });
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            long paid = 0;
            for (String taskId : taskIds) { // each task's pay, once settled
                paid += gateway.json("GET", "/v1/tasks/" + taskId, apiKey, null, 200).at("/fee/paidToAgent").asLong();
            }
            JsonNode earnings = gateway.json("GET", "/v1/ledger/earnings/" + honest.agentId(), null, null, 200);
            assertThat(earnings.at("/total/tasksPaid").asLong()).isEqualTo(12);
            assertThat(earnings.at("/total/work").asLong()).isEqualTo(paid).isPositive();
        });
        List<ReputationChanged> overall = reputations(honest.agentId(), r -> !r.getProbation());
        assertThat(overall).extracting(ReputationChanged::getScore).isSorted();

        // The honeypots the verifier sent this agent, once no new one has come for longer than honeypot-max-delay
        // (3 s) plus a sweep: all the draws of the twelve dispatches, not just the first to arrive.
        AtomicReference<Set<String>> lastSeen = new AtomicReference<>(Set.of());
        await().atMost(Duration.ofSeconds(60)).during(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(250))
                .until(() -> {
                    Set<String> now = honeypots(honest.agentId());
                    return now.equals(lastSeen.getAndSet(now)) && !now.isEmpty();
                });
        Set<String> honeypotInputs = lastSeen.get();
        List<ReceivedRequest> received = await().atMost(Duration.ofSeconds(30)).until(honest.server()::received,
                r -> r.stream().map(VerificationIT::text).collect(Collectors.toSet()).containsAll(honeypotInputs));
        List<ReceivedRequest> watched = received.stream().filter(r -> honeypotInputs.contains(text(r))).toList();
        List<ReceivedRequest> ordinary = received.stream().filter(r -> !honeypotInputs.contains(text(r))).toList();
        assertThat(ordinary).hasSizeGreaterThanOrEqualTo(12);
        // Timed apart from the consumer calls that drew them: not all right behind the previous call (they were
        // 23-79 ms behind it when sent on dispatch; now they are drawn within honeypot-max-delay, 3 s here).
        assertThat(watched).anySatisfy(honeypot -> assertThat(ordinary.stream()
                .filter(call -> !call.receivedAt().isAfter(honeypot.receivedAt()))
                .map(call -> Duration.between(call.receivedAt(), honeypot.receivedAt()))
                .min(Duration::compareTo).orElse(Duration.ofDays(1))).isGreaterThan(Duration.ofMillis(300)));
        for (ReceivedRequest request : received) {
            assertThat(request.remoteAddress()).isEqualTo(watched.get(0).remoteAddress());
            assertThat(headersWithoutLength(request)).isEqualTo(headersWithoutLength(watched.get(0)));
            assertThat(shape(request.body())).isEqualTo(shape(watched.get(0).body()));
            assertThat(request.body().at("/params/message/messageId").asText()).matches("[0-9a-f-]{36}");
        }
    }

    @Test
    void aLyingCalculatorGetsFailVerdictsWithSignedReceiptsAndIsSuspended() throws Exception {
        // Honest for its two exam questions, off by one afterwards.
        TestAgents.Running liar = agents.register("liar", arithmetic("sums"), PRICE, new LyingCalculator(2));
        await().atMost(Duration.ofSeconds(60)).until(() -> agents.hasStatus(liar.agentId(), "ACTIVE"));

        List<JsonNode> failed = new ArrayList<>();
        for (int i = 0; i < 20 && !agents.hasStatus(liar.agentId(), "SUSPENDED"); i++) {
            JsonNode task = submit("What is " + RANDOM.nextInt(2, 999) + " + " + RANDOM.nextInt(2, 999) + "?", "sums");
            if (task.path("status").asText().equals("FAILED") && task.at("/verdict/verdict").asText().equals("FAIL")) {
                failed.add(task);
            }
        }

        JsonNode page = await().atMost(Duration.ofSeconds(30)).until(() -> agents.page(liar.agentId()),
                p -> p.path("status").asText().equals("SUSPENDED"));
        assertThat(page.path("reasons").toString()).contains("reputation");
        assertThat(failed).isNotEmpty().allSatisfy(t -> assertThat(t.at("/verdict/method").asText())
                .isEqualTo("arithmetic"));
        JsonNode keys = gateway.json("GET", "/v1/verifier/keys", null, null, 200);
        String verifierKey = keys.at("/keys/0/publicKey").asText();
        ReceiptCheck receipts = ReceiptCheck.against(VerifierKeyring.parse(keys.toString()));
        ResultVerdict verdict = verdictOf(failed.get(0).path("taskId").asText());
        assertThat(receipts.problem(judged(verdict))).isEmpty();
        assertThat(verdict.getReceipt().getVerifierKey()).isEqualTo(verifierKey);
        assertThat(keys.at("/keys/0/current").asBoolean()).isTrue();
        ResultVerdict tampered = Records.with(verdict, "verdict", io.lode.events.verdicts.Verdict.PASS);
        assertThat(receipts.problem(judged(tampered))).get().asString().contains("signature does not match");
        ResultVerdict repriced = Records.with(verdict, "price", verdict.getPrice() + 1);
        assertThat(receipts.problem(judged(repriced))).isPresent();
    }

    @Test
    void anAgentMovedToAnotherServerIsExaminedThereBeforeItReceivesWork() throws Exception {
        TestAgents.Running honest = agents.register("mover", arithmetic("differences"), PRICE, new ArithmeticSolver());
        await().atMost(Duration.ofSeconds(60)).until(() -> agents.hasStatus(honest.agentId(), "ACTIVE"));

        // The card swap: the examined agent's key moves it to another server, one that answers wrongly.
        TestAgents.Running swapped = agents.move(honest, new LyingCalculator(0));
        JsonNode pending = agents.page(honest.agentId());
        assertThat(pending.path("status").asText()).isEqualTo("PENDING");
        assertThat(pending.path("reasons").toString()).contains("endpoint moved to another origin");

        JsonNode page = await().atMost(Duration.ofSeconds(60)).until(() -> agents.page(honest.agentId()),
                p -> p.path("status").asText().equals("REJECTED"));
        assertThat(page.path("reasons").toString()).contains("skill 'differences'");
        assertThat(swapped.server().received()).as("the new server was examined").isNotEmpty();
    }

    @Test
    void aRedundantTaskPaysTheAgentsThatAgreeWhileTheHoneypotGamerLosesReputation() throws Exception {
        SkillCard gist = new SkillCard("gist", "Summarisation", "Summarises a text in two sentences", List.of("gist"),
                List.of());
        ExtractiveSummariser summariser = new ExtractiveSummariser();
        String honest = agents.register("summariser", gist, PRICE, summariser).agentId();
        String paraphraser = agents.register("paraphraser", gist, PRICE, t -> "In short: " + summariser.apply(t))
                .agentId();
        String gamer = agents.register("gamer", gist, PRICE, new HoneypotGamer(summariser, "Summary unavailable."))
                .agentId();
        await().atMost(Duration.ofSeconds(60)).until(() -> agents.hasStatus(honest, "ACTIVE")
                && agents.hasStatus(paraphraser, "ACTIVE") && agents.hasStatus(gamer, "ACTIVE"));
        double gamerAfterExam = await().atMost(Duration.ofSeconds(30)).until(
                () -> agents.page(gamer).path("reputation").asDouble(), r -> r > 0.5);

        for (int i = 0; i < 6; i++) {
            JsonNode task = gateway.json("POST", "/v1/tasks?wait=verified", apiKey, "{\"input\":\""
                    + "Give me the gist of this: " + profile(i) + "\",\"skill\":\"gist\",\"redundancy\":3,"
                    + "\"maxPrice\":" + MAX_PRICE + ",\"deadlineMs\":15000}", 200);
            assertThat(task.path("status").asText()).as(task.toString()).isEqualTo("COMPLETED");
            Map<String, String> verdicts = new java.util.HashMap<>();
            task.path("calls").forEach(c -> verdicts.put(c.at("/result/agentId").asText(),
                    c.at("/verdict/verdict").asText() + " " + c.at("/verdict/method").asText()));
            // the gamer's "summary" shares nothing with the text: the summary family's check fails it on the
            // consumer's own task, before agreement is consulted
            assertThat(verdicts).containsEntry(gamer, "FAIL summary").containsEntry(honest, "PASS agreement")
                    .containsEntry(paraphraser, "PASS agreement");
            assertThat(task.at("/result/agentId").asText()).isIn(honest, paraphraser);
            assertThat(task.at("/fee/charged").asLong()).isEqualTo(2 * PRICE);
            JsonNode settled = await().atMost(Duration.ofSeconds(30)).until(() -> gateway.json("GET", "/v1/tasks/"
                    + task.path("taskId").asText(), apiKey, null, 200), t -> t.at("/fee/refunded").isNumber());
            assertThat(settled.at("/fee/refunded").asLong()).isEqualTo(3 * MAX_PRICE - 2 * PRICE);
            assertThat(settled.at("/fee/paidToAgent").asLong() + settled.at("/fee/protocolFee").asLong())
                    .isEqualTo(2 * PRICE);
        }

        double gamerNow = await().atMost(Duration.ofSeconds(30)).until(() -> agents.page(gamer).path("reputation")
                .asDouble(), r -> r < gamerAfterExam);
        assertThat(gamerNow).isLessThan(agents.page(honest).path("reputation").asDouble());

        JsonNode tooMany = gateway.json("POST", "/v1/tasks?wait=verified", apiKey, "{\"input\":\"Give me the gist of "
                + "this: " + profile(99) + "\",\"skill\":\"gist\",\"redundancy\":5,\"maxPrice\":" + MAX_PRICE + "}",
                200);
        assertThat(tooMany.path("status").asText()).isEqualTo("FAILED");
        // three at most: the gamer may already be suspended by its failed honeypots and consumer tasks
        assertThat(tooMany.path("reason").asText()).contains("redundancy 5")
                .containsPattern("only [23] eligible agent\\(s\\) on distinct endpoints");
        JsonNode refunded = await().atMost(Duration.ofSeconds(30)).until(() -> gateway.json("GET", "/v1/tasks/"
                + tooMany.path("taskId").asText(), apiKey, null, 200), t -> t.at("/fee/refunded").isNumber());
        assertThat(refunded.at("/fee/refunded").asLong()).isEqualTo(5 * MAX_PRICE);
    }

    @Test
    void aTemplateGamingSummariserIsSuspendedWithinTwentyConsumerTasksAndEarnsNothingFromItsGarbage()
            throws Exception {
        // Summarises properly whatever looks like a challenge (its exam passes), and answers consumers with lorem
        // ipsum: the summary family judges consumer summaries against their own text, not only challenges.
        SkillCard digest = new SkillCard("digest", "Summarisation", "Summarises a text in two sentences",
                List.of("digest"), List.of());
        TestAgents.Running gamer = agents.register("template-gamer", digest, PRICE, new HoneypotGamer(
                new ExtractiveSummariser(), "Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do."));
        await().atMost(Duration.ofSeconds(60)).until(() -> agents.hasStatus(gamer.agentId(), "ACTIVE"));

        int tasks = 0;
        while (tasks < 20 && !agents.hasStatus(gamer.agentId(), "SUSPENDED")) {
            JsonNode task = submit("Give me the digest of this: " + profile(100 + tasks), "digest");
            if (task.path("result").isMissingNode()) {
                // suspended between the status check and this task: nobody offers the skill any more
                assertThat(task.path("reason").asText()).as(task.toString()).startsWith("no active agent");
                break;
            }
            tasks++;
            assertThat(task.path("status").asText()).as(task.toString()).isEqualTo("FAILED");
            assertThat(task.at("/verdict/verdict").asText()).as(task.toString()).isEqualTo("FAIL");
            JsonNode settled = await().atMost(Duration.ofSeconds(30)).until(() -> gateway.json("GET", "/v1/tasks/"
                    + task.path("taskId").asText(), apiKey, null, 200), t -> t.at("/fee/refunded").isNumber());
            assertThat(settled.at("/fee/refunded").asLong()).isEqualTo(MAX_PRICE);
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> agents.hasStatus(gamer.agentId(), "SUSPENDED"));
        assertThat(tasks).isLessThanOrEqualTo(20);
        JsonNode balances = gateway.json("GET", "/v1/ledger/balances?limit=5000", running.network().auditorToken(),
                null, 200).path("items");
        assertThat(balances.findParents("accountId").stream()
                .filter(b -> b.path("accountId").asText().equals(gamer.agentId()))
                .mapToLong(b -> b.path("balance").asLong()).sum()).isZero();
    }

    @Test
    void redundantAnswersThatNeitherAgreeNorDisagreeAreDeliveredWorkAndArePaid() throws Exception {
        // the charging rule: an agent is paid for delivered work unless it is judged FAIL
        SkillCard limerick = new SkillCard("limerick", "Limericks", "Writes a limerick on a theme", List.of("limerick"),
                List.of());
        String poet = agents.register("limerick-poet", limerick, PRICE,
                t -> "A cat who once sailed to Peru / found nothing on board she could chew").agentId();
        String other = agents.register("limerick-banker", limerick, PRICE,
                t -> "Quarterly revenue rose by four percent on strong demand for loans").agentId();
        await().atMost(Duration.ofSeconds(60)).until(() -> agents.hasStatus(poet, "ACTIVE")
                && agents.hasStatus(other, "ACTIVE"));

        JsonNode task = gateway.json("POST", "/v1/tasks?wait=verified", apiKey, "{\"input\":\"A limerick about a "
                + "cat\",\"skill\":\"limerick\",\"redundancy\":2,\"maxPrice\":" + MAX_PRICE + "}", 200);

        assertThat(task.path("status").asText()).as(task.toString()).isEqualTo("COMPLETED");
        assertThat(task.at("/verdict/verdict").asText()).isEqualTo("INCONCLUSIVE");
        task.path("calls").forEach(c -> assertThat(c.at("/verdict/verdict").asText()).isEqualTo("INCONCLUSIVE"));
        assertThat(task.at("/fee/charged").asLong()).isEqualTo(2 * PRICE);
        JsonNode settled = await().atMost(Duration.ofSeconds(30)).until(() -> gateway.json("GET", "/v1/tasks/"
                + task.path("taskId").asText(), apiKey, null, 200), t -> t.at("/fee/refunded").isNumber());
        assertThat(settled.at("/fee/paidToAgent").asLong() + settled.at("/fee/protocolFee").asLong())
                .isEqualTo(2 * PRICE);
        assertThat(settled.at("/fee/refunded").asLong()).isEqualTo(2 * MAX_PRICE - 2 * PRICE);
    }

    @Test
    void freshKeysAgreeingOnNonsenseNeverPass() throws Exception {
        // Three keys of one owner answer a haiku task "The answer is 42.": they agree with each other, but none has
        // checked reputation for the skill (its exam is liveness only), so their agreement counts for nothing.
        SkillCard haiku = new SkillCard("sybil-haiku", "Haiku", "Writes a haiku about a theme", List.of("poetry"),
                List.of());
        List<String> trio = new java.util.ArrayList<>();
        for (int i = 0; i < 3; i++) {
            trio.add(agents.register("sybil-" + i, haiku, PRICE, new ConstantAnswer("The answer is 42.")).agentId());
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> trio.stream().allMatch(a -> agents.hasStatus(a, "ACTIVE")));

        for (int n = 0; n < 2; n++) {
            JsonNode task = gateway.json("POST", "/v1/tasks?wait=verified", apiKey, "{\"input\":\"A haiku about the "
                    + "sea, take " + n + "\",\"skill\":\"sybil-haiku\",\"redundancy\":3,\"maxPrice\":" + MAX_PRICE + "}",
                    200);
            assertThat(task.path("calls")).as(task.toString()).hasSize(3);
            task.path("calls").forEach(c -> {
                assertThat(c.at("/verdict/verdict").asText()).as(c.toString()).isEqualTo("INCONCLUSIVE");
                assertThat(c.at("/verdict/evidence").toString()).contains("checked reputation");
            });
            assertThat(task.at("/verdict/verdict").asText()).isNotEqualTo("PASS");
        }
        for (String sybil : trio) {
            assertThat(agents.page(sybil).path("verdicts").asLong()).as("no reputation from agreement").isZero();
        }
    }

    /** A short company profile, different for each n, phrased unlike any challenge. */
    private static String profile(int n) {
        return "Quorvane is a cooperative in Ghent that repairs electric bicycles. It opened in " + (1990 + n)
                + " with four members. Last year Quorvane repaired " + (1200 + 37 * n) + " bicycles for local riders. "
                + "The cooperative trains apprentices every spring. Quorvane plans a second workshop in Bruges.";
    }

    @Test
    void anAgentWhoseWorkNothingCanCheckNeverLeavesProbation() throws Exception {
        TestAgents.Running constant = agents.register("constant-poet", new SkillCard("haiku", "Haiku",
                "Writes a haiku about a theme", List.of("poetry"), List.of()), PRICE,
                new ConstantAnswer("An old silent pond"));
        await().atMost(Duration.ofSeconds(60)).until(() -> agents.hasStatus(constant.agentId(), "ACTIVE"));

        for (int i = 0; i < 12; i++) {
            JsonNode task = submit("A haiku about autumn number " + i, "haiku");
            assertThat(task.at("/verdict/method").asText()).isEqualTo("protocol-only");
        }

        JsonNode page = agents.page(constant.agentId());
        assertThat(page.path("probation").asBoolean()).isTrue();
        assertThat(page.path("verdicts").asLong()).isZero();
        assertThat(honeypots(constant.agentId())).as("no checker covers the skill, so no honeypot").isEmpty();
    }

    @Test
    void aConstantSummariserFailsItsExamWithReasonsTheDeveloperCanRead() throws Exception {
        TestAgents.Running constant = agents.register("constant-summariser", ExtractiveSummariser.SKILL, PRICE,
                new ConstantAnswer("Here is your summary."));

        JsonNode page = await().atMost(Duration.ofSeconds(60)).until(() -> agents.page(constant.agentId()),
                p -> p.path("status").asText().equals("REJECTED"));
        assertThat(page.path("examScore").asDouble()).isZero();
        assertThat(page.path("reasons").toString()).contains("skill 'summarise'").contains("does not name the subject");
        assertThat(page.path("reasons").toString()).contains("summary exam: its id, name or tags say 'summarise'");
        assertThat(page.at("/exams/0/skill").asText()).isEqualTo("summarise");
        assertThat(page.at("/exams/0/exam").asText()).isEqualTo("summary");
    }

    @Test
    void eventsThatBreakTheContractGoToTheVerifiersDeadLetterTopicAndItKeepsWorking() throws Exception {
        String dlq = Topics.deadLetters("verifier-service").name();
        topics.publish(Topics.TASKS.name(), "poison-verifier", "not avro".getBytes(StandardCharsets.UTF_8));
        topics.publish(Topics.TASKS.name(), "tsk_nobody_submitted", EventCodec.shared().encode(
                result("tsk_nobody_submitted", "42")));
        topics.publish(Topics.TASKS.name(), "tsk_oversized", EventCodec.shared().encode(
                result("tsk_oversized", "a".repeat(300_000))));

        Map<String, String> reasons = topics.records(dlq, r -> r.key() != null, found -> found.stream()
                        .map(ConsumerRecord::key).collect(Collectors.toSet())
                        .containsAll(List.of("poison-verifier", "tsk_nobody_submitted", "tsk_oversized"))).stream()
                .collect(Collectors.toMap(ConsumerRecord::key, r -> new String(
                        r.headers().lastHeader("dead-letter-reason").value(), StandardCharsets.UTF_8), (a, b) -> a));
        assertThat(reasons.get("tsk_nobody_submitted")).contains("unknown task");
        assertThat(reasons.get("tsk_oversized")).contains("300000 characters");

        TestAgents.Running after = agents.register("after-poison", arithmetic("quotients"), PRICE,
                new ArithmeticSolver());
        await().atMost(Duration.ofSeconds(60)).until(() -> agents.hasStatus(after.agentId(), "ACTIVE"));
    }

    private static SkillCard arithmetic(String id) {
        return new SkillCard(id, "Arithmetic " + id, "Solves arithmetic questions exactly", List.of(id), List.of());
    }

    private static JsonNode submit(String input, String skill) throws Exception {
        return gateway.json("POST", "/v1/tasks?wait=verified", apiKey, "{\"input\":\"" + input + "\",\"skill\":\""
                + skill + "\",\"maxPrice\":" + MAX_PRICE + ",\"deadlineMs\":10000}", 200);
    }

    private static AgentResultReceived result(String taskId, String output) {
        return AgentResultReceived.newBuilder().setEnvelope(Envelopes.next("intruder", taskId, null))
                .setTaskId(taskId).setKind(TaskKind.CONSUMER).setAgentId("agt_nobody").setPrice(1).setInput("1 + 1")
                .setOutcome(CallOutcome.OK).setOutput(output).setLatencyMicros(1).setRequestDigest("00").build();
    }

    /** The overall ReputationChanged events of an agent, in order, once one satisfies {@code last}. */
    private static List<ReputationChanged> reputations(String agentId,
                                                       java.util.function.Predicate<ReputationChanged> last) {
        return topics.records(Topics.AGENTS.name(), agentId, found -> found.stream().map(VerificationIT::decode)
                        .anyMatch(e -> e instanceof ReputationChanged r && r.getSkill() == null && last.test(r)))
                .stream().map(VerificationIT::decode).filter(e -> e instanceof ReputationChanged r
                        && r.getSkill() == null).map(ReputationChanged.class::cast).toList();
    }

    /** Inputs of the honeypots requested for an agent so far. */
    private static Set<String> honeypots(String agentId) {
        Set<String> inputs = new TreeSet<>();
        List<ConsumerRecord<String, byte[]>> records = topics.recordsSoFar(Topics.EXAMS.name(), agentId);
        for (ConsumerRecord<String, byte[]> record : records) {
            if (decode(record) instanceof HoneypotRequested honeypot) {
                inputs.add(honeypot.getChallenge().getInput());
            }
        }
        return inputs;
    }

    private static ResultVerdict verdictOf(String taskId) {
        return topics.verdict(taskId);
    }

    private static ReceiptCheck.Judged judged(ResultVerdict v) {
        return ReceiptCheck.Judged.of(v);
    }

    private static Object decode(ConsumerRecord<String, byte[]> record) {
        return EventCodec.shared().decode(record.value());
    }

    private static String text(ReceivedRequest request) {
        return request.body().at("/params/message/parts/0/text").asText();
    }

    private static Map<String, List<String>> headersWithoutLength(ReceivedRequest request) {
        Map<String, List<String>> headers = new java.util.TreeMap<>(request.headers());
        headers.remove("Content-length");
        return headers;
    }

    /** The JSON structure without its values: field names and value types, recursively. */
    private static String shape(JsonNode node) {
        if (node.isObject()) {
            StringBuilder shape = new StringBuilder("{");
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                shape.append(field.getKey()).append(':').append(shape(field.getValue())).append(',');
            }
            return shape.append('}').toString();
        }
        if (node.isArray()) {
            StringBuilder shape = new StringBuilder("[");
            node.forEach(element -> shape.append(shape(element)).append(','));
            return shape.append(']').toString();
        }
        return node.getNodeType().name();
    }
}
