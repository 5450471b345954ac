package io.lode.verifier.reputation;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * Which agents may count in agreement: those whose work at the task's skill has been checked and mostly passed —
 * at least one pass and a score of at least one half in their reputation for that skill, which only a check that
 * proves skill (an exam or honeypot of a checked family, a checked consumer task) can give. For a task that named
 * no skill, an agent counts once it has left probation overall. A fresh key has neither, so keys an attacker
 * makes for free cannot out-vote anyone.
 */
public final class CheckedVoters {

    private final ReputationRepository reputations;

    public CheckedVoters(Connection connection) {
        this.reputations = new ReputationRepository(connection);
    }

    public Set<String> among(Collection<String> agentIds, String skill) throws SQLException {
        Set<String> checked = new HashSet<>();
        for (String agentId : agentIds) {
            if (skill == null || skill.isBlank() ? leftProbation(reputations.find(agentId, ReputationRepository.OVERALL))
                    : checkedAt(reputations.find(agentId, skill))) {
                checked.add(agentId);
            }
        }
        return checked;
    }

    private static boolean leftProbation(Optional<Reputation> overall) {
        return overall.map(r -> !r.probation()).orElse(false);
    }

    private static boolean checkedAt(Optional<Reputation> skill) {
        return skill.map(r -> r.passes() >= 1 && r.score() >= 0.5).orElse(false);
    }
}
