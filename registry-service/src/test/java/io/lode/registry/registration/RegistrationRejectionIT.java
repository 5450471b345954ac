package io.lode.registry.registration;

import static io.lode.registry.TestAgents.client;
import static io.lode.registry.TestAgents.register;
import static io.lode.registry.TestAgents.skill;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.security.KeyPair;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;

import io.lode.identity.AgentId;
import io.lode.identity.AgentKeys;
import io.lode.identity.SignedRequests;
import io.lode.registry.RegistryServiceIT;
import io.lode.registry.TestAgents;
import io.lode.registry.TestAgents.Agent;
import io.lode.testsupport.infra.LodeServiceTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;

/**
 * Every bad registration gets a 4xx problem+json naming what is wrong, and leaves nothing behind: no agent row, no
 * used nonce, no event on lode.agents (checked after a later good registration has been published, since the
 * outbox relays in order).
 */
@QuarkusTest
@QuarkusTestResource(value = LodeServiceTestResource.class, initArgs = @ResourceArg(name = "database", value = "registry"))
class RegistrationRejectionIT extends RegistryServiceIT {

    private static final com.fasterxml.jackson.databind.ObjectMapper JSON =
            new com.fasterxml.jackson.databind.ObjectMapper();

    private static HttpServer badCards;
    private static final CountDownLatch RELEASE = new CountDownLatch(1);
    private static final ExecutorService BAD_CARD_THREADS = Executors.newCachedThreadPool();

    private final List<String> rejected = new ArrayList<>();

    @BeforeAll
    static void serveBadCards() throws IOException {
        badCards = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
        badCards.setExecutor(BAD_CARD_THREADS);
        badCards.createContext("/hang", exchange -> {
            try {
                RELEASE.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.close();
        });
        badCards.createContext("/drip", exchange -> {
            exchange.sendResponseHeaders(200, 0);
            try (OutputStream out = exchange.getResponseBody()) {
                for (int i = 0; i < 100 && RELEASE.getCount() > 0; i++) {
                    out.write('{');
                    out.flush();
                    RELEASE.await(100, TimeUnit.MILLISECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (IOException e) {
                // the registry hung up, as it should
            }
        });
        badCards.start();
    }

    @AfterAll
    static void stopBadCards() {
        RELEASE.countDown();
        badCards.stop(0);
        BAD_CARD_THREADS.shutdownNow();
    }

    @AfterEach
    void nothingOfTheRejectedWasPublished() throws Exception {
        Agent sentinel = agents.start("sentinel", skill("echo", "Echo", "repeats text"));
        register(sentinel.registration(10)).then().statusCode(202);
        topic.awaitEvent(sentinel.agentId(), "AgentRegistered");
        for (String agentId : rejected) {
            assertThat(topic.eventTypes(agentId)).as("events of rejected %s", agentId).isEmpty();
        }
    }

    /** Bodies that two JSON parsers would read differently: refused, never read the lenient way. */
    @Test
    void trailingDataAndDuplicateKeysAreRefused() throws Exception {
        Agent agent = echoAgent();
        String body = agent.registration(10).toString();
        String first = body.substring(1, body.indexOf(',') + 1); // the first "key":value, pair
        for (String ambiguous : List.of(body + " {}", body + "garbage", "{" + first + body.substring(1))) {
            TestAgents.client().body(ambiguous).post("/v1/agents").then().statusCode(400)
                    .contentType("application/problem+json");
        }
        client().get("/v1/agents/" + agent.agentId()).then().statusCode(404);
        assertThat(nonces(agent.agentId())).isZero();
        rejected.add(agent.agentId());
    }

    @Test
    void forgedSignature() throws Exception {
        Agent agent = echoAgent();
        ObjectNode body = agent.registration(10).put("price", 1);
        rejects(body, 401, "invalid-signature", agent);
    }

    @Test
    void missingSignature() throws Exception {
        Agent agent = echoAgent();
        ObjectNode body = agent.registration(10);
        body.remove("signature");
        rejects(body, 401, "invalid-signature", agent);
    }

    @Test
    void replayedNonce() throws Exception {
        Agent agent = echoAgent();
        ObjectNode body = agent.registration(10);
        register(body).then().statusCode(202);
        register(body).then().statusCode(409).contentType("application/problem+json")
                .body("type", equalTo(PROBLEM + "replayed-request"));
        topic.awaitEvent(agent.agentId(), "AgentRegistered");
        assertThat(topic.eventTypes(agent.agentId())).containsExactly("AgentRegistered");
    }

    @Test
    void duplicateRegistrationOfTheSameKey() throws Exception {
        Agent agent = echoAgent();
        register(agent.registration(10)).then().statusCode(202);
        register(agent.registration(10)).then().statusCode(409).contentType("application/problem+json")
                .body("type", equalTo(PROBLEM + "already-registered"));
        topic.awaitEvent(agent.agentId(), "AgentRegistered");
        assertThat(topic.eventTypes(agent.agentId())).containsExactly("AgentRegistered");
        assertThat(nonces(agent.agentId())).isEqualTo(1);
    }

    @Test
    void expiredRequest() throws Exception {
        Agent agent = echoAgent();
        ObjectNode body = SignedRequests.sign(agent.registration(10), agent.keys(), UUID.randomUUID().toString(),
                Instant.now().minusSeconds(1));
        rejects(body, 401, "expired-request", agent);
    }

    @Test
    void malformedJson() {
        client().body("{\"cardUrl\": ").post("/v1/agents").then().statusCode(400)
                .contentType("application/problem+json").body("type", equalTo(PROBLEM + "invalid-json"));
        client().body("[1, 2]").post("/v1/agents").then().statusCode(400)
                .contentType("application/problem+json").body("type", equalTo(PROBLEM + "invalid-request"));
        client().body("").post("/v1/agents").then().statusCode(400).contentType("application/problem+json");
    }

    @Test
    void inlineCardWhoseEndpointServesACardNamingAnotherKey() throws Exception {
        KeyPair keys = AgentKeys.generate();
        KeyPair owner = AgentKeys.generate();
        // the endpoint belongs to someone else: the card it serves names the owner's key
        Agent theirs = agents.start(owner, AgentKeys.encodePublic(owner.getPublic()), "theirs", "not yours",
                List.of(skill("echo", "Echo", "repeats text")));
        ObjectNode card = inlineCard(keys, theirs);
        ObjectNode body = SignedRequests.sign(JSON.createObjectNode().put("action", "register")
                .put("price", 10).set("card", card), keys, UUID.randomUUID().toString(), Instant.now().plusSeconds(60));
        Agent claimed = new Agent(keys, AgentId.of(keys.getPublic()), theirs.cardUrl());
        rejects(body, 403, "endpoint-not-controlled", claimed);
    }

    @Test
    void cardOnTheAttackersServerNamingSomeoneElsesEndpoint() throws Exception {
        // The attacker's own key in a card it hosts, pointing at an endpoint whose server belongs to someone else:
        // that agent would answer the exam and the attacker be paid for its work.
        Agent victim = echoAgent();
        KeyPair attacker = AgentKeys.generate();
        ObjectNode card = inlineCard(attacker, victim);
        String path = "/hijack-" + UUID.randomUUID();
        badCards.createContext(path, exchange -> {
            byte[] bytes = card.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("content-type", "application/json");
            exchange.sendResponseHeaders(200, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        Agent claimed = new Agent(attacker, AgentId.of(attacker.getPublic()),
                "http://127.0.0.1:" + badCards.getAddress().getPort() + path);
        rejects(claimed.registration(10), 403, "endpoint-not-controlled", claimed)
                .body("detail", org.hamcrest.Matchers.containsString("names another key"));
    }

    @Test
    void cardAndCardUrlTogether() throws Exception {
        Agent agent = echoAgent();
        ObjectNode body = SignedRequests.sign(JSON.createObjectNode().put("action", "register").put("price", 10)
                .put("cardUrl", agent.cardUrl()).set("card", JSON.createObjectNode()), agent.keys(),
                UUID.randomUUID().toString(), Instant.now().plusSeconds(60));
        rejects(body, 400, "invalid-request", agent);
    }

    /** The card the agent serves, with its identity extension naming {@code keys}. */
    private static ObjectNode inlineCard(KeyPair keys, Agent served) throws Exception {
        ObjectNode card = (ObjectNode) JSON.readTree(java.net.URI.create(served.cardUrl()).toURL().openStream());
        ((ObjectNode) card.path("capabilities").path("extensions").get(0).path("params"))
                .put("publicKey", AgentKeys.encodePublic(keys.getPublic()));
        return card;
    }

    @Test
    void wrongContentType() {
        client().contentType("text/plain").body("hello").post("/v1/agents").then().statusCode(415)
                .contentType("application/problem+json");
    }

    @Test
    void oversizedBody() throws Exception {
        Agent agent = echoAgent();
        ObjectNode body = agent.registration(10).put("padding", "x".repeat(70_000));
        rejects(body, 413, "body-too-large", agent);
    }

    @Test
    void oversizedCard() throws Exception {
        KeyPair keys = AgentKeys.generate();
        Agent agent = agents.start(keys, AgentKeys.encodePublic(keys.getPublic()), "big", "x".repeat(70_000),
                List.of(skill("echo", "Echo", "repeats text")));
        rejects(agent.registration(10), 422, "card-unreachable", agent)
                .body("detail", org.hamcrest.Matchers.containsString("65536"));
    }

    @Test
    void cardWithoutSkills() throws Exception {
        KeyPair keys = AgentKeys.generate();
        Agent agent = agents.start(keys, AgentKeys.encodePublic(keys.getPublic()), "skill-less", "no skills",
                List.of());
        rejects(agent.registration(10), 422, "invalid-card", agent)
                .body("detail", equalTo("card declares no skills"));
    }

    @Test
    void cardNamingAnotherKey() throws Exception {
        KeyPair keys = AgentKeys.generate();
        KeyPair owner = AgentKeys.generate();
        Agent agent = agents.start(keys, AgentKeys.encodePublic(owner.getPublic()), "someone-elses", "not mine",
                List.of(skill("echo", "Echo", "repeats text")));
        rejects(agent.registration(10), 403, "card-key-mismatch", agent);
    }

    @Test
    void cardUrlToABlockedAddress() {
        KeyPair keys = AgentKeys.generate();
        for (String url : List.of("http://169.254.169.254/latest/meta-data", "http://10.0.0.1/card.json",
                "http://[::1]:8181/card.json", "http://[fd00::1]/card.json", "file:///etc/passwd")) {
            Agent agent = new Agent(keys, AgentId.of(keys.getPublic()), url);
            ValidatableResponse response = register(agent.registration(10)).then()
                    .contentType("application/problem+json");
            response.statusCode(url.startsWith("file") ? 400 : 422);
            if (!url.startsWith("file")) {
                response.body("type", equalTo(PROBLEM + "blocked-destination"));
            }
            rejected.add(agent.agentId());
        }
    }

    @Test
    void cardServerThatHangs() throws Exception {
        Agent agent = cardAt("/hang");
        rejects(agent.registration(10), 422, "card-unreachable", agent);
    }

    /**
     * A closed port, an answering server that says 404, one that hangs and a card that is not JSON are told apart
     * neither by the answer nor by its time: one detail, each at the fetch deadline (1 s here) — registration is no
     * port scanner.
     */
    @Test
    void everyUnreachableCardIsAnsweredAlikeAtTheDeadline() throws Exception {
        badCards.createContext("/not-json", exchange -> {
            byte[] bytes = "<html>hello</html>".getBytes(java.nio.charset.StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        KeyPair keys = AgentKeys.generate();
        Agent closedPort = new Agent(keys, AgentId.of(keys.getPublic()),
                "http://127.0.0.1:" + io.lode.testsupport.infra.FreePorts.any() + "/card.json");
        java.util.Set<String> details = new java.util.HashSet<>();
        for (Agent agent : List.of(closedPort, cardAt("/missing"), cardAt("/hang"), cardAt("/not-json"))) {
            long started = System.nanoTime();
            String detail = rejects(agent.registration(10), 422, "card-unreachable", agent).extract().path("detail");
            java.time.Duration took = java.time.Duration.ofNanos(System.nanoTime() - started);
            assertThat(took).as("answer time for %s", agent.cardUrl()).isGreaterThanOrEqualTo(
                    java.time.Duration.ofMillis(950)).isLessThan(java.time.Duration.ofSeconds(4));
            details.add(detail.replace(agent.cardUrl(), "<url>"));
        }
        assertThat(details).hasSize(1);
    }

    @Test
    void cardServerThatDripsBytes() throws Exception {
        Agent agent = cardAt("/drip");
        rejects(agent.registration(10), 422, "card-unreachable", agent);
    }

    @Test
    void unsignedUpdateOfSomeoneElsesAgent() throws Exception {
        Agent owner = echoAgent();
        register(owner.registration(10)).then().statusCode(202);
        Agent intruder = echoAgent();
        ObjectNode body = io.lode.agents.registration.AgentRegistration.signedDeregistration(intruder.keys());
        client().body(body.toString()).delete("/v1/agents/" + owner.agentId()).then().statusCode(403)
                .contentType("application/problem+json").body("type", equalTo(PROBLEM + "not-owner"));
        client().get("/v1/agents/" + owner.agentId()).then().statusCode(200).body("status", equalTo("PENDING"));
        rejected.add(intruder.agentId());
    }

    @Test
    void requestSignedForAnotherAction() throws Exception {
        Agent agent = echoAgent();
        register(agent.registration(10)).then().statusCode(202);
        ObjectNode renewal = io.lode.agents.registration.AgentRegistration.signedRenewal(agent.keys());
        client().body(renewal.toString()).delete("/v1/agents/" + agent.agentId()).then().statusCode(400)
                .contentType("application/problem+json").body("detail", startsWith("this endpoint takes"));
        client().get("/v1/agents/" + agent.agentId()).then().statusCode(200).body("status", equalTo("PENDING"));
    }

    private Agent echoAgent() throws IOException {
        return agents.start("echo-" + UUID.randomUUID().toString().substring(0, 6),
                skill("echo", "Echo", "repeats text"));
    }

    private Agent cardAt(String path) {
        KeyPair keys = AgentKeys.generate();
        return new Agent(keys, AgentId.of(keys.getPublic()),
                "http://127.0.0.1:" + badCards.getAddress().getPort() + path);
    }

    private ValidatableResponse rejects(ObjectNode body, int status, String type, Agent agent) throws SQLException {
        ValidatableResponse response = register(body).then().statusCode(status)
                .contentType("application/problem+json");
        if (type != null) {
            response.body("type", equalTo(PROBLEM + type));
        }
        client().get("/v1/agents/" + agent.agentId()).then().statusCode(404);
        assertThat(nonces(agent.agentId())).as("nonces stored for %s", agent.agentId()).isZero();
        rejected.add(agent.agentId());
        return response;
    }

    private int nonces(String agentId) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement count = connection.prepareStatement("SELECT count(*) FROM used_nonce WHERE agent_id = ?")) {
            count.setString(1, agentId);
            try (ResultSet rows = count.executeQuery()) {
                rows.next();
                return rows.getInt(1);
            }
        }
    }
}
