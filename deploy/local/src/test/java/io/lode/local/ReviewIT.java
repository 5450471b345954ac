package io.lode.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

import io.lode.agents.a2a.A2aAgentServer.SkillCard;
import io.lode.agents.a2a.A2aAgentServer;
import io.lode.agents.arithmetic.ArithmeticSolver;
import io.lode.agents.cipher.LyingRot13;
import io.lode.agents.cipher.Rot13;
import io.lode.agents.misbehaving.LyingCalculator;
import io.lode.agents.review.ConstantJudge;
import io.lode.agents.review.ReferenceJudge;
import io.lode.cli.LodeCommand;
import io.lode.events.Topics;
import io.lode.events.codec.EventCodec;
import io.lode.events.exams.ReviewRequested;
import io.lode.events.verdicts.ResultVerdict;
import io.lode.events.verdicts.Verdict;
import io.lode.identity.AgentId;
import io.lode.identity.AgentKeys;
import io.lode.identity.PanelMedian;
import io.lode.identity.VerdictReceipts;
import io.lode.identity.VerifierKeyring;
import io.lode.reward.escrow.ReceiptCheck;

/**
 * Verification of a skill no checker covers, through the whole network with real judge agents: judges are examined
 * with gold reviews (a lazy judge that scores everything 0.7 is not admitted and never sits on a panel), an honest
 * ROT13 agent passes its exam by panel, leaves probation and is paid for panel-passed work whose verdict names every
 * judge's score, and a ROT13 agent that lies once examined is failed by the panel, refunded to its consumer and
 * suspended.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReviewIT {

    private static final long PRICE = 100;
    /** Held answers of work only a panel judges are paid after this, undisputed and unsampled (plus a 10 s grace). */
    private static final String HOLD = "6s";
    private static final long MAX_PRICE = 1_000;
    private static final SplittableRandom RANDOM = new SplittableRandom(19);
    private static final String[] WORDS = {"attack", "at", "dawn", "river", "lantern", "quiet", "harbour", "seven",
            "orchard", "copper", "meadow", "signal", "winter", "paper", "falcon"};

    @TempDir
    static Path dataDir;

    private static RunningNetwork running;
    private static GatewayClient gateway;
    private static TestAgents agents;
    private static TopicProbe topics;
    private static String apiKey;
    private static final List<String> judges = new ArrayList<>();
    private static String lazyJudge;

    @BeforeAll
    static void startNetwork() throws Exception {
        running = RunningNetwork.start(dataDir, Map.of("LODE_VERIFIER_HONEYPOT_MAX_DELAY", "2s",
                "LODE_VERIFIER_EXAM_PREVIEWS_PER_ADDRESS_PER_MINUTE", "12", "LODE_VERIFIER_REVIEW_HOLD", HOLD,
                // no sampled reviews out of probation: what a panel reviews then, it reviews because of a dispute
                "LODE_VERIFIER_REVIEW_SAMPLE_SHARE", "0",
                // tracing on (spans exported nowhere that listens): a held answer's late verdict keeps its trace
                "QUARKUS_OTEL_SDK_DISABLED", "false",
                "QUARKUS_OTEL_EXPORTER_OTLP_ENDPOINT", "http://127.0.0.1:" + io.lode.testsupport.infra.FreePorts.any()));
        gateway = running.gateway();
        agents = running.agents();
        topics = running.topics();
        apiKey = gateway.newApiKey();
        for (int i = 1; i <= 3; i++) {
            judges.add(agents.register("judge-" + i, ReferenceJudge.SKILL, 0, new ReferenceJudge()).agentId());
        }
        lazyJudge = agents.register("judge-lazy", ReferenceJudge.SKILL, 0, new ConstantJudge(0.7)).agentId();
    }

    /** The trace id in the traceparent header of the task's {@code type} event on {@code topic}, or null. */
    private static String traceIdOf(String topic, String taskId, String type) {
        return topics.recordsSoFar(topic, taskId).stream()
                .filter(r -> EventCodec.shared().decode(r.value()).getClass().getSimpleName().equals(type))
                .map(r -> r.headers().lastHeader(io.lode.events.outbox.TraceContext.HEADER))
                .filter(java.util.Objects::nonNull)
                .map(h -> new String(h.value(), java.nio.charset.StandardCharsets.UTF_8).split("-")[1])
                .findFirst().orElse(null);
    }

    @AfterAll
    static void stop() {
        if (running != null) {
            running.close();
        }
    }

    @Test
    @Order(1)
    void judgesAreExaminedWithGoldReviewsAndTheLazyJudgeIsNotAdmitted() {
        await().atMost(Duration.ofSeconds(90)).until(() -> judges.stream().allMatch(j -> agents.hasStatus(j, "ACTIVE")));
        JsonNode lazy = await().atMost(Duration.ofSeconds(60)).until(() -> agents.page(lazyJudge),
                p -> p.path("status").asText().equals("REJECTED"));
        assertThat(lazy.path("reasons").toString()).contains("review exam").contains("scored 0.70");
        assertThat(agents.page(judges.get(0)).path("exams").toString()).contains("review");
    }

    @Test
    @Order(2)
    void anHonestRot13AgentPassesItsExamByPanelLeavesProbationAndIsPaid() throws Exception {
        TestAgents.Running honest = agents.register("rot13", Rot13.SKILL, PRICE, new Rot13());
        await().atMost(Duration.ofSeconds(60)).until(() -> agents.hasStatus(honest.agentId(), "ACTIVE"));
        assertThat(agents.page(honest.agentId()).path("exams").toString()).contains("panel exam");

        // Optimistic payment: each answer is the consumer's at once (HELD, its fee held); a panel reviews every one
        // while the agent is in probation and (sample share 0 here) none after it: those are paid unreviewed when the
        // hold ends.
        List<JsonNode> completed = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            String text = sentence();
            JsonNode held = submit("Encode with ROT13: " + text, "rot13");
            assertThat(held.path("status").asText()).as(held.toString()).isEqualTo("HELD");
            assertThat(held.at("/result/output").asText()).isEqualTo(Rot13.rot13(text));
            assertThat(held.at("/hold/until").asText()).isNotEmpty();
            assertThat(held.path("verdict").isMissingNode()).as(held.toString()).isTrue();
            JsonNode task = settled(held);
            assertThat(task.path("status").asText()).as(task.toString()).isEqualTo("COMPLETED");
            assertThat(task.at("/verdict/verdict").asText()).isEqualTo("PASS");
            JsonNode fee = task.path("fee");
            assertThat(fee.path("paidToAgent").asLong() + fee.path("protocolFee").asLong()
                    + fee.path("paidToJudges").asLong()).as(fee.toString()).isEqualTo(fee.path("charged").asLong());
            if (task.at("/verdict/method").asText().equals("panel")) {
                // The judges who agreed with the panel share a quarter of the price; the agent gets the rest but the fee.
                assertThat(fee.path("paidToJudges").asLong()).as(fee.toString()).isPositive()
                        .isLessThanOrEqualTo(fee.path("charged").asLong() / 4);
                completed.add(task);
            } else {
                assertThat(task.at("/verdict/method").asText()).isEqualTo("protocol-only");
                assertThat(task.at("/verdict/evidence").asText()).contains("not sampled and not disputed");
                assertThat(fee.path("paidToJudges").isMissingNode()).as(fee.toString()).isTrue();
                // paid when its hold ended, by the verifier's sweep: still in the task's own trace
                String taskId = task.path("taskId").asText();
                assertThat(traceIdOf(Topics.VERDICTS.name(), taskId, "ResultVerdict")).as(taskId)
                        .isEqualTo(traceIdOf(Topics.TASKS.name(), taskId, "TaskSubmitted")).isNotNull();
            }
        }
        assertThat(completed).as("the work of an agent in probation is all reviewed").isNotEmpty();
        // ...into their own accounts, out of what the consumer was charged: every judge that sat was paid, the lazy
        // one (never admitted) nothing.
        JsonNode balances = gateway.json("GET", "/v1/ledger/balances?limit=5000", running.network().auditorToken(),
                null, 200).path("items");
        Map<String, Long> balance = new java.util.HashMap<>();
        balances.forEach(b -> balance.put(b.path("accountId").asText(), b.path("balance").asLong()));
        assertThat(judges).allSatisfy(judge -> assertThat(balance.getOrDefault(judge, 0L)).as(judge).isPositive());
        assertThat(balance.getOrDefault(lazyJudge, 0L)).isZero();
        JsonNode page = await().atMost(Duration.ofSeconds(30)).until(() -> agents.page(honest.agentId()),
                p -> !p.path("probation").asBoolean());
        assertThat(page.path("reputation").asDouble()).isGreaterThan(0.7);

        // The verdict names its panel: three of the admitted judges, never the lazy one, and the score is their
        // weight-median — recomputed here from the log, as an auditor would — under a receipt the verifier's key signs.
        ResultVerdict verdict = verdictOf(completed.get(0).path("taskId").asText());
        assertThat(verdict.getPanel()).hasSize(3).allSatisfy(s -> assertThat(judges).contains(s.getJudgeId()));
        double median = PanelMedian.of(ReceiptCheck.votes(verdict.getPanel()));
        assertThat(verdict.getScore()).isEqualTo(median);
        assertThat(PanelMedian.verdictOf(median)).isEqualTo(verdict.getVerdict().name());
        ReceiptCheck receipts = ReceiptCheck.against(VerifierKeyring.parse(
                gateway.json("GET", "/v1/verifier/keys", null, null, 200).toString()));
        assertThat(receipts.problem(ReceiptCheck.Judged.of(verdict))).isEmpty();
        assertThat(verdict.getReceipt().getFormat()).isEqualTo(VerdictReceipts.V3);
        assertThat(reviewsSentTo(lazyJudge)).isZero();
    }

    @Test
    @Order(3)
    void aRot13AgentThatLiesOnceExaminedIsFailedByThePanelRefundedAndSuspended() throws Exception {
        // Right for its two exam questions, then the text unchanged. Its own skill id, so that the consumer's tasks
        // naming it go to the liar and not to the honest agent above; its tag is the one the judges review.
        SkillCard skill = new SkillCard("rot13-fast", "ROT13 cipher, fast", Rot13.SKILL.description(),
                List.of("rot13"), Rot13.SKILL.examples());
        TestAgents.Running liar = agents.register("rot13-liar", skill, PRICE, new LyingRot13(2));
        await().atMost(Duration.ofSeconds(60)).until(() -> agents.hasStatus(liar.agentId(), "ACTIVE"));

        List<JsonNode> failed = new ArrayList<>();
        for (int i = 0; i < 20 && !agents.hasStatus(liar.agentId(), "SUSPENDED"); i++) {
            JsonNode answered = submit("Encode with ROT13: " + sentence(), "rot13-fast");
            if (answered.path("result").isMissingNode()) {
                break; // suspended between the status check and this task: nobody offers the skill any more
            }
            assertThat(answered.path("status").asText()).as(answered.toString()).isEqualTo("HELD");
            JsonNode settled = settled(answered);
            assertThat(settled.at("/result/agentId").asText()).isEqualTo(liar.agentId());
            assertThat(settled.path("status").asText()).as(settled.toString()).isEqualTo("FAILED");
            assertThat(settled.at("/verdict/method").asText()).isEqualTo("panel");
            assertThat(settled.at("/verdict/verdict").asText()).isEqualTo("FAIL");
            assertThat(settled.at("/fee/refunded").asLong()).as(settled.toString()).isEqualTo(MAX_PRICE);
            assertThat(settled.at("/fee/charged").asLong()).isZero();
            failed.add(settled);
        }
        JsonNode page = await().atMost(Duration.ofSeconds(30)).until(() -> agents.page(liar.agentId()),
                p -> p.path("status").asText().equals("SUSPENDED"));
        assertThat(page.path("reasons").toString()).contains("reputation");
        assertThat(failed).isNotEmpty();
        assertThat(verdictOf(failed.get(0).path("taskId").asText()).getVerdict()).isEqualTo(Verdict.FAIL);
    }

    @Test
    @Order(4)
    void aLieOutOfProbationIsAnsweredAtOnceAndTheConsumersDisputeHasAPanelFailItAndRefundIt() throws Exception {
        SkillCard skill = new SkillCard("rot13-sleeper", "ROT13 cipher, patient", Rot13.SKILL.description(),
                List.of("rot13"), Rot13.SKILL.examples());
        java.util.concurrent.atomic.AtomicBoolean lying = new java.util.concurrent.atomic.AtomicBoolean();
        Rot13 rot13 = new Rot13();
        TestAgents.Running sleeper = agents.register("rot13-sleeper", skill, PRICE,
                request -> lying.get() ? "I encoded it: " + request : rot13.apply(request));
        await().atMost(Duration.ofSeconds(60)).until(() -> agents.hasStatus(sleeper.agentId(), "ACTIVE"));
        // Honest until it has left probation: from then on only a sample of its work is reviewed.
        for (int i = 0; i < 20 && agents.page(sleeper.agentId()).path("probation").asBoolean(true); i++) {
            assertThat(settled(submit("Encode with ROT13: " + sentence(), "rot13-sleeper")).path("status").asText())
                    .isEqualTo("COMPLETED");
        }
        assertThat(agents.page(sleeper.agentId()).path("probation").asBoolean()).isFalse();
        lying.set(true);

        JsonNode answered = submit("Encode with ROT13: " + sentence(), "rot13-sleeper");
        assertThat(answered.path("status").asText()).as(answered.toString()).isEqualTo("HELD");
        assertThat(answered.at("/result/output").asText()).startsWith("I encoded it");
        String dispute = "/v1/tasks/" + answered.path("taskId").asText() + "/dispute";
        // Only its paying consumer may dispute it; a reason is bounded.
        gateway.json("POST", dispute, gateway.newApiKey(), "{}", 404);
        JsonNode tooLong = gateway.json("POST", dispute, apiKey, "{\"reason\":\"" + "x".repeat(501) + "\"}", 400);
        assertThat(tooLong.path("type").asText()).endsWith("bad-dispute");
        JsonNode disputed = gateway.json("POST", dispute, apiKey, "{\"reason\":\"that is not ROT13\"}", 202);
        assertThat(disputed.at("/hold/disputedAt").asText()).isNotEmpty();
        JsonNode again = gateway.json("POST", dispute, apiKey, "{}", 409);
        assertThat(again.path("type").asText()).endsWith("task-not-disputable");

        // The dispute decides nothing by itself: a panel does — FAIL, the consumer refunded, nothing charged.
        JsonNode settled = settled(answered);
        assertThat(settled.path("status").asText()).as(settled.toString()).isEqualTo("FAILED");
        assertThat(settled.at("/verdict/method").asText()).isEqualTo("panel");
        assertThat(settled.at("/verdict/verdict").asText()).isEqualTo("FAIL");
        assertThat(settled.at("/fee/refunded").asLong()).isEqualTo(MAX_PRICE);
        assertThat(settled.at("/fee/charged").asLong()).isZero();
        assertThat(verdictOf(answered.path("taskId").asText()).getPanel()).hasSizeGreaterThanOrEqualTo(3);
        // A decided task is no longer disputable.
        assertThat(gateway.json("POST", dispute, apiKey, "{}", 409).path("detail").asText()).contains("FAILED");
    }

    @Test
    @Order(5)
    void aDryRunShowsWhichExamEachSkillGetsAndChecksSampleAnswersWithoutRegisteringAnything() throws Exception {
        SkillCard sums = new SkillCard("sums", "Arithmetic sums", "Solves arithmetic questions exactly", List.of("sums"),
                List.of());
        KeyPair keys = AgentKeys.generate();
        try (A2aAgentServer calculator = server(keys, sums, new ArithmeticSolver());
             A2aAgentServer liar = server(AgentKeys.generate(), sums, new LyingCalculator(0));
             A2aAgentServer cipher = server(AgentKeys.generate(), Rot13.SKILL, new Rot13())) {
            CheckRun honest = check(calculator);
            assertThat(honest.exitCode()).as(honest.toString()).isZero();
            assertThat(honest.output()).contains("skill sums: arithmetic exam").contains("PASS")
                    .doesNotContain("FAIL").contains("passed");
            assertThat(calculator.received()).isNotEmpty();

            CheckRun lying = check(liar);
            assertThat(lying.exitCode()).as(lying.toString()).isEqualTo(1);
            assertThat(lying.output()).contains("FAIL").contains("0 of ");

            // No family checks ROT13: the admitted judges would examine it, so its samples are shown, not scored.
            CheckRun rot13 = check(cipher);
            assertThat(rot13.exitCode()).as(rot13.toString()).isZero();
            assertThat(rot13.output()).contains("skill " + Rot13.SKILL.id() + ": panel exam")
                    .contains("judges score this at registration");

            // A dry run: nothing was registered.
            gateway.json("GET", "/v1/agents/" + AgentId.of(keys.getPublic()), null, null, 404);
        }
        // Bad input is a problem+json the developer can read, not a 500.
        JsonNode noSkills = gateway.json("POST", "/v1/verifier/exam-preview", null, "{\"name\":\"x\"}", 400);
        assertThat(noSkills.path("type").asText()).endsWith("/invalid-request");
        assertThat(noSkills.path("detail").asText()).contains("skills");

        // It needs no key, and each preview plans a whole exam: one address gets a bounded number a minute (12 here).
        java.net.http.HttpResponse<String> refused = null;
        for (int i = 0; i < 20 && refused == null; i++) {
            java.net.http.HttpResponse<String> reply = gateway.send("POST", "/v1/verifier/exam-preview", null, "{}");
            if (reply.statusCode() == 429) {
                refused = reply;
            } else {
                assertThat(reply.statusCode()).as(reply.body()).isEqualTo(400);
            }
        }
        assertThat(refused).as("an address past its previews a minute is refused").isNotNull();
        assertThat(refused.body()).contains("/rate-limited");
        assertThat(refused.headers().firstValue("Retry-After")).isPresent();
    }

    private record CheckRun(int exitCode, String output, String errors) {
    }

    private static CheckRun check(A2aAgentServer agent) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = LodeCommand.commandLine().setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true))
                .execute("agent", "check", "--gateway", running.network().gatewayUrl(), "--card-url",
                        "http://127.0.0.1:" + agent.port() + A2aAgentServer.CARD_PATH);
        return new CheckRun(exit, out.toString(), err.toString());
    }

    private static A2aAgentServer server(KeyPair keys, SkillCard skill, java.util.function.UnaryOperator<String> answer)
            throws Exception {
        return new A2aAgentServer("127.0.0.1", 0, new A2aAgentServer.Description("dry-run", "not registered",
                AgentKeys.encodePublic(keys.getPublic()), List.of(skill)), answer).start();
    }

    private static String sentence() {
        StringBuilder s = new StringBuilder();
        for (int i = 0, n = RANDOM.nextInt(3, 7); i < n; i++) {
            s.append(i == 0 ? "" : " ").append(WORDS[RANDOM.nextInt(WORDS.length)]);
        }
        return s.toString();
    }

    private static JsonNode submit(String input, String skill) throws Exception {
        return gateway.json("POST", "/v1/tasks?wait=verified", apiKey, "{\"input\":\"" + input
                + "\",\"skill\":\"" + skill + "\",\"maxPrice\":" + MAX_PRICE + ",\"deadlineMs\":15000}", 200);
    }

    /**
     * The task once the ledger has settled it (the verdict or the hold ends the wait; payment or refund follows; a
     * held answer's hold ends 6 s after it plus a 10 s grace).
     */
    private static JsonNode settled(JsonNode task) {
        String path = "/v1/tasks/" + task.path("taskId").asText();
        return await().atMost(Duration.ofSeconds(60)).until(() -> gateway.json("GET", path, apiKey, null, 200),
                t -> t.at("/fee/paidToAgent").isNumber() || t.at("/fee/refunded").isNumber());
    }

    private static ResultVerdict verdictOf(String taskId) {
        return topics.verdict(taskId);
    }

    private static long reviewsSentTo(String judgeId) {
        List<ConsumerRecord<String, byte[]>> records = topics.recordsSoFar(Topics.EXAMS.name(), judgeId);
        return records.stream().filter(r -> EventCodec.shared().decode(r.value()) instanceof ReviewRequested).count();
    }
}
