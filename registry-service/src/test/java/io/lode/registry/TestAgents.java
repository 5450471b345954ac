package io.lode.registry;

import static io.restassured.RestAssured.given;

import java.io.IOException;
import java.net.URI;
import java.security.KeyPair;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import org.eclipse.microprofile.config.ConfigProvider;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.lode.agents.a2a.A2aAgentServer;
import io.lode.agents.a2a.A2aAgentServer.SkillCard;
import io.lode.agents.registration.AgentRegistration;
import io.lode.identity.AgentId;
import io.lode.identity.AgentKeys;
import io.lode.identity.GatewayProofs;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/** Agents of a registry test: a key and a real A2A server on 127.0.0.1 serving the card. */
public final class TestAgents implements AutoCloseable {

    private final List<A2aAgentServer> servers = new ArrayList<>();

    /** One test agent: its keys, id and card URL. */
    public record Agent(KeyPair keys, String agentId, String cardUrl) {

        public ObjectNode registration(long price) {
            return AgentRegistration.signedBody(keys, cardUrl, price);
        }
    }

    public Agent start(String name, SkillCard... skills) throws IOException {
        KeyPair keys = AgentKeys.generate();
        return start(keys, AgentKeys.encodePublic(keys.getPublic()), name, "test agent " + name, List.of(skills));
    }

    /** An agent whose card may name another key, or a long description, or no skills. */
    public Agent start(KeyPair keys, String cardKey, String name, String description, List<SkillCard> skills)
            throws IOException {
        A2aAgentServer server = new A2aAgentServer("127.0.0.1", 0,
                new A2aAgentServer.Description(name, description, cardKey, skills), input -> input).start();
        servers.add(server);
        return new Agent(keys, AgentId.of(keys.getPublic()),
                "http://127.0.0.1:" + server.port() + A2aAgentServer.CARD_PATH);
    }

    public static SkillCard skill(String id, String name, String description, String... tags) {
        return new SkillCard(id, name, description, List.of(tags), List.of());
    }

    /** A request from a fresh client address, forwarded with the gateway's proof as the gateway would. */
    public static RequestSpecification client() {
        return client("2001:db8::" + Integer.toHexString(ThreadLocalRandom.current().nextInt(1, 0xffff)));
    }

    public static RequestSpecification client(String forwardedFor) {
        GatewayProofs proofs = new GatewayProofs(ConfigProvider.getConfig().getValue("lode.gateway-proof.secret",
                String.class));
        return given().header("X-Forwarded-For", forwardedFor).contentType("application/json")
                .filter((request, response, context) -> {
                    URI uri = URI.create(request.getURI());
                    String target = uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
                    request.header(GatewayProofs.HEADER, proofs.sign(Instant.now(), request.getMethod(), target,
                            null, forwardedFor));
                    return context.next(request, response);
                });
    }

    public static Response register(ObjectNode body) {
        return client().body(body.toString()).post("/v1/agents");
    }

    @Override
    public void close() {
        servers.forEach(A2aAgentServer::close);
    }
}
