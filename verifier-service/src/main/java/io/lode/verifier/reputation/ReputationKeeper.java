package io.lode.verifier.reputation;

import java.sql.Connection;
import java.sql.SQLException;

import io.lode.events.Envelope;
import io.lode.events.agents.ReputationChanged;
import io.lode.events.outbox.Outbox;
import io.lode.verifier.VerifierConfig;
import io.lode.verifier.verification.VerifierEvents;

/** Folds a weighted verdict into the agent's reputation, overall and for the skill, and publishes both. */
public final class ReputationKeeper {

    private final ReputationModel model;

    public ReputationKeeper(VerifierConfig.Reputation config) {
        this.model = new ReputationModel(config.decay(), config.probationPasses(), config.probationExitScore());
    }

    public void observe(Connection connection, String agentId, String skill, double score, double weight,
                        boolean passed, Envelope cause) throws SQLException {
        if (weight <= 0) {
            return;
        }
        update(connection, agentId, ReputationRepository.OVERALL, score, weight, passed, cause);
        if (skill != null && !skill.isBlank()) {
            update(connection, agentId, skill, score, weight, passed, cause);
        }
    }

    private void update(Connection connection, String agentId, String skill, double score, double weight,
                        boolean passed, Envelope cause) throws SQLException {
        ReputationRepository reputations = new ReputationRepository(connection);
        Reputation after = model.observe(reputations.lock(agentId, skill), score, weight, passed);
        reputations.save(agentId, skill, after);
        Outbox.append(connection, agentId, ReputationChanged.newBuilder()
                .setEnvelope(VerifierEvents.next(agentId, cause)).setAgentId(agentId)
                .setSkill(skill.equals(ReputationRepository.OVERALL) ? null : skill).setScore(after.score())
                .setVerdicts(after.verdicts()).setProbation(after.probation()).build());
    }
}
