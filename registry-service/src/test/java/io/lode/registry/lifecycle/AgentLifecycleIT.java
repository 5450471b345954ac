package io.lode.registry.lifecycle;

import static io.lode.registry.TestAgents.client;
import static io.lode.registry.TestAgents.register;
import static io.lode.registry.TestAgents.skill;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;

import java.net.URI;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.lode.agents.registration.AgentRegistration;
import io.lode.events.Envelopes;
import io.lode.events.Topics;
import io.lode.testsupport.infra.TestKafka;
import io.lode.events.agents.AgentRegistered;
import io.lode.events.agents.AgentStatusChanged;
import io.lode.events.agents.AgentUpdated;
import io.lode.events.agents.ReputationChanged;
import io.lode.events.codec.EventSerializer;
import io.lode.events.exams.ExamCompleted;
import io.lode.events.exams.ExamRequested;
import io.lode.events.exams.ExaminedSkill;
import io.lode.events.exams.ExamVerdict;
import io.lode.events.ledger.Slashed;
import io.lode.identity.SignedRequests;
import io.lode.registry.RegistryServiceIT;
import io.lode.registry.TestAgents;
import io.lode.registry.TestAgents.Agent;
import io.lode.testsupport.infra.LodeServiceTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;

/**
 * An agent's life through the real broker and database: registered, examined (ExamCompleted on lode.exams),
 * updated, renewed, expired by the sweeper, revived by a renewal, deregistered; and the rate limits.
 */
@QuarkusTest
@QuarkusTestResource(value = LodeServiceTestResource.class, initArgs = @ResourceArg(name = "database", value = "registry"))
class AgentLifecycleIT extends RegistryServiceIT {

    private static final ObjectMapper JSON = new ObjectMapper();



    @Test
    void registeredExaminedUpdatedRenewedExpiredRevivedDeregistered() throws Exception {
        Agent agent = agents.start("calculator", skill("arithmetic", "Arithmetic", "evaluates sums", "math"));
        register(agent.registration(1_000)).then().statusCode(202).body("status", equalTo("PENDING"));
        topic.awaitEvent(agent.agentId(), "AgentRegistered");

        passExam(agent.agentId());
        await().atMost(Duration.ofSeconds(30)).until(() -> status(agent.agentId()).equals("ACTIVE"));
        client().get("/v1/agents/" + agent.agentId()).then().body("examScore", equalTo(1.0f));

        client().body(AgentRegistration.signedUpdate(agent.keys(), agent.cardUrl(), 2_000).toString())
                .put("/v1/agents/" + agent.agentId()).then().statusCode(200).body("price", equalTo(2_000))
                .body("status", equalTo("ACTIVE"));
        topic.awaitEvent(agent.agentId(), "AgentUpdated");

        Instant expiryBefore = expiry(agent.agentId());
        client().body(AgentRegistration.signedRenewal(agent.keys()).toString())
                .post("/v1/agents/" + agent.agentId() + "/renewal").then().statusCode(200)
                .body("status", equalTo("ACTIVE"));
        assertThat(expiry(agent.agentId())).isAfter(expiryBefore);

        lapse(agent.agentId());
        await().atMost(Duration.ofSeconds(30)).until(() -> status(agent.agentId()).equals("EXPIRED"));
        client().get("/v1/agents/" + agent.agentId()).then()
                .body("reasons", equalTo(List.of("registration not renewed before it expired")));

        client().body(AgentRegistration.signedRenewal(agent.keys()).toString())
                .post("/v1/agents/" + agent.agentId() + "/renewal").then().statusCode(200)
                .body("status", equalTo("ACTIVE"));

        client().body(AgentRegistration.signedDeregistration(agent.keys()).toString())
                .delete("/v1/agents/" + agent.agentId()).then().statusCode(204);
        client().get("/v1/agents/" + agent.agentId()).then().body("status", equalTo("DEREGISTERED"));
        client().body(AgentRegistration.signedRenewal(agent.keys()).toString())
                .post("/v1/agents/" + agent.agentId() + "/renewal").then().statusCode(409)
                .body("type", equalTo(PROBLEM + "agent-deregistered"));

        topic.awaitEvent(agent.agentId(), "AgentDeregistered");
        assertThat(topic.eventTypes(agent.agentId())).containsExactly("AgentRegistered", "AgentStatusChanged",
                "AgentUpdated", "AgentUpdated", "AgentStatusChanged", "AgentUpdated", "AgentStatusChanged",
                "AgentDeregistered");
        List<String> statuses = topic.events(agent.agentId()).stream()
                .filter(AgentStatusChanged.class::isInstance).map(e -> ((AgentStatusChanged) e).getStatus().name())
                .toList();
        assertThat(statuses).containsExactly("ACTIVE", "EXPIRED", "ACTIVE");
        AgentUpdated update = (AgentUpdated) topic.events(agent.agentId()).get(2);
        assertThat(update.getPrice()).isEqualTo(2_000);
        assertThat(update.getSkills().get(0).getEmbedding().getVector()).hasSize(384);
    }

    @Test
    void aDeregisteredAgentMayRegisterAgainAndIsExaminedAfresh() throws Exception {
        Agent agent = agents.start("returner", skill("echo", "Echo", "repeats text"));
        register(agent.registration(10)).then().statusCode(202);
        client().body(AgentRegistration.signedDeregistration(agent.keys()).toString())
                .delete("/v1/agents/" + agent.agentId()).then().statusCode(204);
        register(agent.registration(10)).then().statusCode(202).body("status", equalTo("PENDING"));
        await().atMost(Duration.ofSeconds(30)).until(() -> topic.eventTypes(agent.agentId()).equals(
                List.of("AgentRegistered", "AgentDeregistered", "AgentRegistered")));
    }

    @Test
    void aRejectedAgentMayRegisterAgainWithItsKeyAfterTheCoolDownAndNotBefore() throws Exception {
        // %test rejected-cool-down is 3 s
        Agent agent = agents.start("retrier", skill("echo", "Echo", "repeats text"));
        register(agent.registration(10)).then().statusCode(202);
        await().atMost(Duration.ofSeconds(30)).until(() -> topic.eventTypes(agent.agentId()).contains("AgentRegistered"));
        completeExam(agent.agentId(), requestExam(agent.agentId()), ExamVerdict.FAIL);
        await().atMost(Duration.ofSeconds(30)).until(() -> status(agent.agentId()).equals("REJECTED"));
        // the page says which exam each skill got, and why
        client().get("/v1/agents/" + agent.agentId()).then().body("exams[0].skill", equalTo("echo"))
                .body("exams[0].exam", equalTo("liveness"))
                .body("exams[0].reason", org.hamcrest.Matchers.startsWith("liveness exam: "));

        register(agent.registration(10)).then().statusCode(409)
                .body("type", equalTo(PROBLEM + "rejected-cool-down"))
                .header("Retry-After", Integer::parseInt, greaterThanOrEqualTo(1));
        // deregistering does not reset the clock: failing exams cannot be retried in a loop
        client().body(AgentRegistration.signedDeregistration(agent.keys()).toString())
                .delete("/v1/agents/" + agent.agentId()).then().statusCode(204);
        register(agent.registration(10)).then().statusCode(409)
                .body("type", equalTo(PROBLEM + "rejected-cool-down"));

        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
                .until(() -> register(agent.registration(10)).statusCode() == 202);
        assertThat(status(agent.agentId())).isEqualTo("PENDING");
        await().atMost(Duration.ofSeconds(30)).until(() -> topic.eventTypes(agent.agentId()).stream()
                .filter("AgentRegistered"::equals).count() == 2);
    }

    @Test
    void anUpdateMayNotChangeTheExaminedSkills() throws Exception {
        Agent agent = agents.start("shifty", skill("echo", "Echo", "repeats text"));
        register(agent.registration(10)).then().statusCode(202);
        Agent sameKeyNewSkills = agents.start(agent.keys(),
                io.lode.identity.AgentKeys.encodePublic(agent.keys().getPublic()), "shifty", "now does more",
                List.of(skill("echo", "Echo", "repeats text"), skill("legal-advice", "Legal advice", "advises")));
        client().body(AgentRegistration.signedUpdate(agent.keys(), sameKeyNewSkills.cardUrl(), 10).toString())
                .put("/v1/agents/" + agent.agentId()).then().statusCode(409)
                .contentType("application/problem+json").body("type", equalTo(PROBLEM + "skills-changed"));
        client().get("/v1/agents/" + agent.agentId()).then().body("cardUrl", equalTo(agent.cardUrl()));
    }

    @Test
    void anAgentIsRegisteredWithAnInlineCardWhenItsEndpointServesACardNamingTheSameKey() throws Exception {
        Agent agent = agents.start("inline", skill("echo", "Echo", "repeats text"));
        ObjectNode card = (ObjectNode) JSON.readTree(URI.create(agent.cardUrl()).toURL().openStream());
        card.put("description", "sent inline, not fetched");
        ObjectNode body = SignedRequests.sign(JSON.createObjectNode().put("action", "register").put("price", 10)
                .set("card", card), agent.keys(), UUID.randomUUID().toString(), Instant.now().plusSeconds(60));
        client().body(body.toString()).post("/v1/agents").then().statusCode(202);
        client().get("/v1/agents/" + agent.agentId()).then().body("cardUrl", equalTo(agent.cardUrl()))
                .body("status", equalTo("PENDING"));
    }

    @Test
    void aReputationBelowTheFloorSuspendsAnActiveAgentOnceEnoughVerdictsStandBehindIt() throws Exception {
        Agent weak = agents.start("weak", skill("echo", "Echo", "repeats text"));
        Agent strong = agents.start("strong", skill("echo", "Echo", "repeats text"));
        for (Agent agent : List.of(weak, strong)) {
            register(agent.registration(10)).then().statusCode(202);
            topic.awaitEvent(agent.agentId(), "AgentRegistered");
            passExam(agent.agentId());
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> status(weak.agentId()).equals("ACTIVE")
                && status(strong.agentId()).equals("ACTIVE"));

        reputation(weak.agentId(), 0.1, 3);     // too few verdicts to judge
        reputation(strong.agentId(), 0.9, 40);
        await().atMost(Duration.ofSeconds(30)).until(() -> client().get("/v1/agents/" + strong.agentId())
                .path("verdicts").equals(40));
        assertThat(status(weak.agentId())).isEqualTo("ACTIVE");
        reputation(weak.agentId(), 0.1, 25);

        await().atMost(Duration.ofSeconds(30)).until(() -> status(weak.agentId()).equals("SUSPENDED"));
        client().get("/v1/agents/" + weak.agentId()).then().body("reputation", equalTo(0.1f))
                .body("reasons[0]", equalTo("reputation 0.10 fell below the floor 0.30 after 25 verdicts"));
        client().get("/v1/agents/" + strong.agentId()).then().body("status", equalTo("ACTIVE"))
                .body("reputation", equalTo(0.9f));
        topic.awaitEvent(weak.agentId(), "AgentStatusChanged");
        await().atMost(Duration.ofSeconds(30)).until(() -> topic.events(weak.agentId()).stream()
                .filter(AgentStatusChanged.class::isInstance)
                .anyMatch(e -> ((AgentStatusChanged) e).getStatus().name().equals("SUSPENDED")));
    }

    @Test
    void anAgentsReputationOverTimeIsOnePointPerHourTheLastChangeInIt() throws Exception {
        Agent agent = agents.start("rising", skill("echo", "Echo", "repeats text"));
        register(agent.registration(10)).then().statusCode(202);
        topic.awaitEvent(agent.agentId(), "AgentRegistered");
        java.time.Instant hour = java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.HOURS);
        // two hours ago: the later change arrives first, and the earlier one, redelivered late, changes nothing
        reputationAt(agent.agentId(), 0.7, 4, hour.minus(Duration.ofMinutes(70)));
        reputationAt(agent.agentId(), 0.6, 3, hour.minus(Duration.ofMinutes(110)));
        reputationAt(agent.agentId(), 0.8, 9, hour.minus(Duration.ofMinutes(30)));
        reputationAt(agent.agentId(), 0.9, 12, hour.plusSeconds(1));
        reputationAt(agent.agentId(), 0.95, 30, hour.minus(Duration.ofDays(3)));

        await().atMost(Duration.ofSeconds(30)).until(() -> client().get("/v1/agents/" + agent.agentId()
                + "/reputation?days=1").path("points.size()").equals(3));
        client().get("/v1/agents/" + agent.agentId() + "/reputation?days=1").then().statusCode(200)
                .body("days", equalTo(1))
                .body("points.reputation", org.hamcrest.Matchers.contains(0.7f, 0.8f, 0.9f))
                .body("points.verdicts", org.hamcrest.Matchers.contains(4, 9, 12))
                .body("points[0].hour", equalTo(hour.minus(Duration.ofHours(2)).toString()));
        client().get("/v1/agents/" + agent.agentId() + "/reputation?days=7").then()
                .body("points.reputation", org.hamcrest.Matchers.contains(0.95f, 0.7f, 0.8f, 0.9f));
        client().get("/v1/agents/" + agent.agentId() + "/reputation?days=0").then().statusCode(400)
                .body("type", org.hamcrest.Matchers.endsWith("bad-parameter"));
        client().get("/v1/agents/agt_" + "0".repeat(32) + "/reputation").then().statusCode(404);
    }

    @Test
    void aSlashedAgentIsSuspended() throws Exception {
        Agent agent = agents.start("cheat", skill("echo", "Echo", "repeats text"));
        register(agent.registration(10)).then().statusCode(202);
        topic.awaitEvent(agent.agentId(), "AgentRegistered");
        passExam(agent.agentId());
        await().atMost(Duration.ofSeconds(30)).until(() -> status(agent.agentId()).equals("ACTIVE"));

        send(Topics.Names.LEDGER, agent.agentId(), Slashed.newBuilder()
                .setEnvelope(Envelopes.next("test", agent.agentId(), null)).setAgentId(agent.agentId())
                .setAmount(5_000).setReason("honeypot failed after payment").setTaskId("tsk_1").build());

        await().atMost(Duration.ofSeconds(30)).until(() -> status(agent.agentId()).equals("SUSPENDED"));
        client().get("/v1/agents/" + agent.agentId()).then()
                .body("reasons[0]", equalTo("slashed: honeypot failed after payment"));
    }

    @Test
    void anUpdateToAnotherOriginIsExaminedAgainAndAnOlderExamDecidesNothing() throws Exception {
        Agent agent = agents.start("mover", skill("arithmetic", "Arithmetic", "evaluates sums", "math"));
        register(agent.registration(1_000)).then().statusCode(202);
        topic.awaitEvent(agent.agentId(), "AgentRegistered");
        passExam(agent.agentId());
        await().atMost(Duration.ofSeconds(30)).until(() -> status(agent.agentId()).equals("ACTIVE"));

        // A second server of the same owner, same skill: another origin (port), so a fresh exam.
        Agent moved = agents.start(agent.keys(), io.lode.identity.AgentKeys.encodePublic(agent.keys().getPublic()),
                "mover", "moved", List.of(skill("arithmetic", "Arithmetic", "evaluates sums", "math")));
        String staleExam = "exm_never_asked_for";
        client().body(AgentRegistration.signedUpdate(agent.keys(), moved.cardUrl(), 1_000).toString())
                .put("/v1/agents/" + agent.agentId()).then().statusCode(200).body("status", equalTo("PENDING"))
                .body("reasons[0]", org.hamcrest.Matchers.startsWith("endpoint moved to another origin"));
        await().atMost(Duration.ofSeconds(30)).until(() -> topic.eventTypes(agent.agentId()).size() >= 4);
        assertThat(topic.eventTypes(agent.agentId())).containsExactly("AgentRegistered", "AgentStatusChanged",
                "AgentStatusChanged", "AgentUpdated");
        AgentStatusChanged toPending = (AgentStatusChanged) topic.events(agent.agentId()).get(2);
        assertThat(toPending.getStatus().name()).isEqualTo("PENDING");
        AgentUpdated update = (AgentUpdated) topic.events(agent.agentId()).get(3);
        assertThat(update.getExamReasons()).hasSize(1);

        // An exam outcome the registry did not ask for since the move changes nothing...
        completeExam(agent.agentId(), staleExam, ExamVerdict.PASS);
        String fresh = requestExam(agent.agentId());
        // ...the fresh exam's does (lode.exams is ordered per agent: the stale outcome was read first).
        completeExam(agent.agentId(), fresh, ExamVerdict.FAIL);
        await().atMost(Duration.ofSeconds(30)).until(() -> status(agent.agentId()).equals("REJECTED"));
    }

    @Test
    void aPriceChangeNeedsNoExamButANewSkillMeaningDoes() throws Exception {
        Agent agent = agents.start("translator", skill("translate", "Translation",
                "translates English text into French", "translation"));
        register(agent.registration(1_000)).then().statusCode(202);
        topic.awaitEvent(agent.agentId(), "AgentRegistered");
        passExam(agent.agentId());
        await().atMost(Duration.ofSeconds(30)).until(() -> status(agent.agentId()).equals("ACTIVE"));

        client().body(AgentRegistration.signedUpdate(agent.keys(), agent.cardUrl(), 3_000).toString())
                .put("/v1/agents/" + agent.agentId()).then().statusCode(200).body("status", equalTo("ACTIVE"));

        // Same key, same skill id, the same origin would keep the exam; the meaning is what changes here.
        Agent repurposed = agents.start(agent.keys(), io.lode.identity.AgentKeys.encodePublic(agent.keys().getPublic()),
                "translator", "now something else", List.of(skill("translate", "Tax advice",
                        "explains income tax deductions and filing deadlines", "tax")));
        client().body(AgentRegistration.signedUpdate(agent.keys(), repurposed.cardUrl(), 3_000).toString())
                .put("/v1/agents/" + agent.agentId()).then().statusCode(200).body("status", equalTo("PENDING"))
                .body("reasons", org.hamcrest.Matchers.hasItem(org.hamcrest.Matchers.startsWith(
                        "skill 'translate' changed its meaning")));
    }

    @Test
    void aRenewalWhoseCardNoLongerNamesTheKeySuspendsTheAgent() throws Exception {
        // The card is hosted apart from the endpoint (whose own well-known card names the key), and then changes.
        Agent served = agents.start("fickle", skill("echo", "Echo", "repeats text"));
        java.util.concurrent.atomic.AtomicReference<String> card = new java.util.concurrent.atomic.AtomicReference<>(
                JSON.readTree(URI.create(served.cardUrl()).toURL().openStream()).toString());
        com.sun.net.httpserver.HttpServer host = com.sun.net.httpserver.HttpServer.create(
                new java.net.InetSocketAddress("127.0.0.1", 0), 4);
        host.createContext("/cards/fickle.json", exchange -> {
            byte[] bytes = card.get().getBytes(java.nio.charset.StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("content-type", "application/json");
            exchange.sendResponseHeaders(200, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        host.start();
        try {
            Agent agent = new Agent(served.keys(), served.agentId(),
                    "http://127.0.0.1:" + host.getAddress().getPort() + "/cards/fickle.json");
            register(agent.registration(10)).then().statusCode(202);
            topic.awaitEvent(agent.agentId(), "AgentRegistered");
            passExam(agent.agentId());
            await().atMost(Duration.ofSeconds(30)).until(() -> status(agent.agentId()).equals("ACTIVE"));

            card.set(card.get().replace(io.lode.identity.AgentKeys.encodePublic(served.keys().getPublic()),
                    io.lode.identity.AgentKeys.encodePublic(io.lode.identity.AgentKeys.generate().getPublic())));
            client().body(AgentRegistration.signedRenewal(agent.keys()).toString())
                    .post("/v1/agents/" + agent.agentId() + "/renewal").then().statusCode(200)
                    .body("status", equalTo("SUSPENDED"))
                    .body("reasons[0]", org.hamcrest.Matchers.containsString("no longer names the agent's key"));
            await().atMost(Duration.ofSeconds(30)).until(() -> topic.events(agent.agentId()).stream()
                    .filter(AgentStatusChanged.class::isInstance)
                    .anyMatch(e -> ((AgentStatusChanged) e).getStatus().name().equals("SUSPENDED")));
        } finally {
            host.stop(0);
        }
    }

    @Test
    void signedCallsAreLimitedPerKey() throws Exception {
        Agent agent = agents.start("chatty", skill("echo", "Echo", "repeats text"));
        register(agent.registration(10)).then().statusCode(202);
        int accepted = 1;
        while (accepted < 10) {
            client().body(AgentRegistration.signedRenewal(agent.keys()).toString())
                    .post("/v1/agents/" + agent.agentId() + "/renewal").then().statusCode(200);
            accepted++;
        }
        client().body(AgentRegistration.signedRenewal(agent.keys()).toString())
                .post("/v1/agents/" + agent.agentId() + "/renewal").then().statusCode(429)
                .contentType("application/problem+json").body("type", equalTo(PROBLEM + "rate-limited"))
                .header("Retry-After", Integer::parseInt, greaterThanOrEqualTo(1));
    }

    @Test
    void signedCallsAreLimitedPerClientAddress() {
        String address = "203.0.113." + (1 + (int) (Math.random() * 250));
        // Unsigned bodies still count: the address limit is checked before any work. The bucket holds 30 and
        // refills one every 2 s, so a slow machine may see a call or two more pass before the first 429.
        // The refusal checked is the one that ended the run: a later call could find a token refilled meanwhile.
        int passed = 0;
        io.restassured.response.Response last = client(address).body("{}").post("/v1/agents");
        while (passed < 40 && last.statusCode() == 401) {
            passed++;
            last = client(address).body("{}").post("/v1/agents");
        }
        assertThat(passed).isBetween(30, 35);
        last.then().statusCode(429).header("Retry-After", Integer::parseInt, greaterThanOrEqualTo(1));
        client().body("{}").post("/v1/agents").then().statusCode(401);
    }

    @Test
    void aClientAddressWithoutTheGatewaysProofIsRefusedSoTheAddressLimitCannotBeDodged() {
        io.lode.identity.GatewayProofs proofs = new io.lode.identity.GatewayProofs(org.eclipse.microprofile.config
                .ConfigProvider.getConfig().getValue("lode.gateway-proof.secret", String.class));
        String forProfile = proofs.sign(java.time.Instant.now(), "GET", "/v1/agents/agt_x", null, "203.0.113.9");
        String otherAddress = proofs.sign(java.time.Instant.now(), "POST", "/v1/agents", null, "203.0.113.10");
        String stale = proofs.sign(java.time.Instant.now().minusSeconds(120), "POST", "/v1/agents", null,
                "203.0.113.9");
        for (String proof : java.util.Arrays.asList(null, forProfile, otherAddress, stale, "v1.1.AAAA")) {
            var request = io.restassured.RestAssured.given().header("X-Forwarded-For", "203.0.113.9")
                    .contentType("application/json").body("{}");
            if (proof != null) {
                request.header(io.lode.identity.GatewayProofs.HEADER, proof);
            }
            request.post("/v1/agents").then().statusCode(401).contentType("application/problem+json")
                    .body("type", equalTo(PROBLEM + "gateway-proof-required"));
        }
        io.restassured.RestAssured.given().header("X-Lode-Account", "acc_someone_else").get("/v1/agents")
                .then().statusCode(401).body("type", equalTo(PROBLEM + "gateway-proof-required"));
        // the caller speaking for itself (its socket address, no account) is served as before
        io.restassured.RestAssured.given().get("/v1/agents").then().statusCode(200);
    }

    /** What the verifier does for the event the agent awaits (its registration, or an update needing an exam). */
    private void passExam(String agentId) throws Exception {
        completeExam(agentId, requestExam(agentId), ExamVerdict.PASS);
    }

    private String requestExam(String agentId) throws Exception {
        SpecificRecord cause = topic.events(agentId).stream()
                .filter(e -> e instanceof AgentRegistered
                        || (e instanceof AgentUpdated u && !u.getExamReasons().isEmpty()))
                .reduce((first, second) -> second).orElseThrow();
        String examId = "exm_" + UUID.randomUUID();
        send(Topics.Names.EXAMS, agentId, ExamRequested.newBuilder()
                .setEnvelope(Envelopes.next("test", agentId, Envelopes.of(cause).getEventId())).setAgentId(agentId)
                .setExamId(examId).setEndpoint("http://127.0.0.1:1/").setProtocolVersion("1.0")
                .setChallenges(List.of()).setDeadlineMs(1_000).build());
        return examId;
    }

    private void completeExam(String agentId, String examId, ExamVerdict verdict) throws Exception {
        send(Topics.Names.EXAMS, agentId, ExamCompleted.newBuilder()
                .setEnvelope(Envelopes.next("test", agentId, null)).setAgentId(agentId)
                .setExamId(examId).setVerdict(verdict).setScore(verdict == ExamVerdict.PASS ? 1.0 : 0.0)
                .setExamined(List.of(ExaminedSkill.newBuilder().setSkill("echo")
                        .setExam("liveness").setReason("liveness exam: neither its id, name nor tags names a "
                                + "checked family").build()))
                .build());
    }

    /** What the verifier publishes as verdicts accumulate. */
    private void reputation(String agentId, double score, long verdicts) throws Exception {
        send(Topics.Names.AGENTS, agentId, ReputationChanged.newBuilder()
                .setEnvelope(Envelopes.next("test", agentId, null)).setAgentId(agentId).setScore(score)
                .setVerdicts(verdicts).build());
    }

    /** A change the verifier published at {@code at}. */
    private void reputationAt(String agentId, double score, long verdicts, java.time.Instant at) throws Exception {
        io.lode.events.Envelope envelope = io.lode.events.Envelope.newBuilder(Envelopes.next("test", agentId, null))
                .setOccurredAt(at).build();
        send(Topics.Names.AGENTS, agentId, ReputationChanged.newBuilder().setEnvelope(envelope).setAgentId(agentId)
                .setScore(score).setVerdicts(verdicts).setProbation(true).build());
    }

    private void send(String topicName, String key, SpecificRecord event) throws Exception {
        try (KafkaProducer<String, SpecificRecord> producer = new KafkaProducer<>(TestKafka.client(), new StringSerializer(),
                new EventSerializer())) {
            producer.send(new ProducerRecord<>(topicName, key, event)).get();
        }
    }

    private void lapse(String agentId) throws Exception {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement update = connection.prepareStatement(
                     "UPDATE agent SET expires_at = now() - interval '1 second' WHERE agent_id = ?")) {
            update.setString(1, agentId);
            assertThat(update.executeUpdate()).isEqualTo(1);
        }
    }

    private static Instant expiry(String agentId) {
        return Instant.parse(client().get("/v1/agents/" + agentId).path("expiresAt"));
    }

    private static String status(String agentId) {
        return client().get("/v1/agents/" + agentId).path("status");
    }
}
