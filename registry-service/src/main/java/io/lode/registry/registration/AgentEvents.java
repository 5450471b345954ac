package io.lode.registry.registration;

import java.util.ArrayList;
import java.util.List;

import io.lode.events.Envelopes;
import io.lode.events.agents.AgentDeregistered;
import io.lode.events.agents.AgentRegistered;
import io.lode.events.agents.AgentSkill;
import io.lode.events.agents.AgentStatus;
import io.lode.events.agents.AgentStatusChanged;
import io.lode.events.agents.AgentUpdated;
import io.lode.events.agents.SkillEmbedding;
import io.lode.semantics.TextEmbedder;
import io.lode.semantics.Vectors;

/** The lode.agents events the registry publishes, built from the stored agent. */
public final class AgentEvents {

    public static final String PRODUCER = "registry-service";

    private AgentEvents() {
    }

    public static AgentRegistered registered(AgentRecord agent) {
        return AgentRegistered.newBuilder().setEnvelope(Envelopes.next(PRODUCER, agent.agentId(), null))
                .setAgentId(agent.agentId()).setPublicKey(agent.publicKey()).setEndpoint(agent.endpoint())
                .setProtocolVersion(agent.protocolVersion()).setPrice(agent.price()).setSkills(skills(agent))
                .setCardDigest(agent.cardDigest()).setExpiresAt(agent.expiresAt()).setStreaming(agent.streaming()).build();
    }

    public static AgentUpdated updated(AgentRecord agent) {
        return updated(agent, List.of());
    }

    /** An update; non-empty {@code examReasons} ask the verifier for a fresh exam. */
    public static AgentUpdated updated(AgentRecord agent, List<String> examReasons) {
        return AgentUpdated.newBuilder().setEnvelope(Envelopes.next(PRODUCER, agent.agentId(), null))
                .setAgentId(agent.agentId()).setEndpoint(agent.endpoint())
                .setProtocolVersion(agent.protocolVersion()).setPrice(agent.price()).setSkills(skills(agent))
                .setCardDigest(agent.cardDigest()).setExpiresAt(agent.expiresAt()).setStreaming(agent.streaming())
                .setExamReasons(examReasons).build();
    }

    public static AgentStatusChanged statusChanged(String agentId, String previous, String status, List<String> reasons,
                                                   String causationId) {
        return AgentStatusChanged.newBuilder().setEnvelope(Envelopes.next(PRODUCER, agentId, causationId))
                .setAgentId(agentId).setPrevious(AgentStatus.valueOf(previous)).setStatus(AgentStatus.valueOf(status))
                .setReasons(reasons).build();
    }

    public static AgentDeregistered deregistered(String agentId, String reason) {
        return AgentDeregistered.newBuilder().setEnvelope(Envelopes.next(PRODUCER, agentId, null)).setAgentId(agentId)
                .setReason(reason).build();
    }

    private static List<AgentSkill> skills(AgentRecord agent) {
        List<AgentSkill> skills = new ArrayList<>();
        for (int i = 0; i < agent.skills().size(); i++) {
            AgentCard.Skill skill = agent.skills().get(i);
            skills.add(AgentSkill.newBuilder().setId(skill.id()).setName(skill.name())
                    .setDescription(skill.description()).setTags(skill.tags()).setExamples(skill.examples())
                    .setEmbedding(SkillEmbedding.newBuilder().setModel(TextEmbedder.MODEL_ID)
                            .setVector(Vectors.toList(agent.skillVectors().get(i))).build())
                    .build());
        }
        return skills;
    }
}
