package io.lode.local;

import java.security.KeyPair;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

import io.lode.agents.a2a.A2aAgentServer;
import io.lode.agents.a2a.A2aAgentServer.Misbehaviour;
import io.lode.agents.a2a.A2aAgentServer.SkillCard;
import io.lode.agents.registration.AgentRegistration;
import io.lode.identity.AgentId;
import io.lode.identity.AgentKeys;

/** Agents a test runs in its own JVM and registers through the gateway, as any developer would; closed together. */
public final class TestAgents implements AutoCloseable {

    /** A running, registered agent. */
    public record Running(String agentId, A2aAgentServer server, KeyPair keys, SkillCard skill, long price) {
    }

    private final GatewayClient gateway;
    private final List<A2aAgentServer> servers = new ArrayList<>();

    public TestAgents(GatewayClient gateway) {
        this.gateway = gateway;
    }

    public Running register(String name, SkillCard skill, long price, UnaryOperator<String> work) throws Exception {
        return register(name, skill, price, work, Misbehaviour.NONE);
    }

    public Running register(String name, SkillCard skill, long price, UnaryOperator<String> work,
                            Misbehaviour fault) throws Exception {
        KeyPair keys = AgentKeys.generate();
        A2aAgentServer server = new A2aAgentServer("127.0.0.1", 0, new A2aAgentServer.Description(name,
                "test agent " + name, AgentKeys.encodePublic(keys.getPublic()), List.of(skill)), work, fault).start();
        servers.add(server);
        String body = AgentRegistration.signedBody(keys, "http://127.0.0.1:" + server.port()
                + A2aAgentServer.CARD_PATH, price).toString();
        gateway.json("POST", "/v1/agents", null, body, 202);
        return new Running(AgentId.of(keys.getPublic()), server, keys, skill, price);
    }

    /** The same agent (key, skill, price) moved by a signed update to a new server of its owner doing {@code work}. */
    public Running move(Running agent, UnaryOperator<String> work) throws Exception {
        A2aAgentServer server = new A2aAgentServer("127.0.0.1", 0, new A2aAgentServer.Description("moved",
                "test agent moved", AgentKeys.encodePublic(agent.keys().getPublic()), List.of(agent.skill())), work)
                .start();
        servers.add(server);
        String body = AgentRegistration.signedUpdate(agent.keys(), "http://127.0.0.1:" + server.port()
                + A2aAgentServer.CARD_PATH, agent.price()).toString();
        gateway.json("PUT", "/v1/agents/" + agent.agentId(), null, body, 200);
        return new Running(agent.agentId(), server, agent.keys(), agent.skill(), agent.price());
    }

    /** The agent's page at the registry: status, reasons, reputation, probation. */
    public com.fasterxml.jackson.databind.JsonNode page(String agentId) {
        try {
            return gateway.json("GET", "/v1/agents/" + agentId, null, null, 200);
        } catch (Exception e) {
            throw new IllegalStateException("cannot read agent " + agentId, e);
        }
    }

    public boolean hasStatus(String agentId, String status) {
        return page(agentId).path("status").asText().equals(status);
    }

    @Override
    public void close() {
        servers.forEach(A2aAgentServer::close);
    }
}
