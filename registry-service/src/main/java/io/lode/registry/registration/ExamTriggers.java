package io.lode.registry.registration;

import java.util.ArrayList;
import java.util.List;

import io.lode.semantics.Vectors;

/**
 * The changes an exam did not see, so that an updated agent must pass a fresh one before it receives work: its
 * endpoint moves to another origin (another server, maybe another operator), or a skill's meaning moves — the
 * cosine similarity of the skill's new embedding to the one its exam saw falls below {@code minSimilarity} (compared
 * with the examined vectors, not the last update's, so small steps cannot add up to a new meaning). Rewording a
 * description or fixing a typo stays above it; turning an adder into a translator does not. A new price, a
 * new name or a new path on the same origin need no exam.
 */
public final class ExamTriggers {

    private ExamTriggers() {
    }

    /**
     * Why {@code updated} needs an exam: {@code current} is the agent as stored, {@code examinedVectors} the skill
     * vectors (in {@code current}'s skill order) its exam saw.
     */
    public static List<String> reasons(AgentRecord current, List<float[]> examinedVectors, AgentRecord updated,
                                       double minSimilarity) {
        List<String> reasons = new ArrayList<>();
        if (!Origins.same(current.endpoint(), updated.endpoint())) {
            reasons.add("endpoint moved to another origin (" + current.endpoint() + " → " + updated.endpoint() + ")");
        }
        for (int i = 0; i < updated.skills().size(); i++) {
            AgentCard.Skill skill = updated.skills().get(i);
            int before = indexOf(current.skills(), skill.id());
            if (before < 0 || before >= examinedVectors.size()) {
                continue; // skill ids never change in an update; nothing to compare with otherwise
            }
            double similarity = Vectors.dot(examinedVectors.get(before), updated.skillVectors().get(i));
            if (similarity < minSimilarity) {
                reasons.add(String.format(java.util.Locale.ROOT,
                        "skill '%s' changed its meaning (similarity %.2f to the examined skill, below %.2f)",
                        skill.id(), similarity, minSimilarity));
            }
        }
        return reasons;
    }

    private static int indexOf(List<AgentCard.Skill> skills, String id) {
        for (int i = 0; i < skills.size(); i++) {
            if (skills.get(i).id().equals(id)) {
                return i;
            }
        }
        return -1;
    }
}
