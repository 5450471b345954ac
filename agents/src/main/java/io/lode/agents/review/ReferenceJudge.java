package io.lode.agents.review;

import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import io.lode.agents.a2a.A2aAgentServer.SkillCard;
import io.lode.agents.cipher.Rot13;

/**
 * A deterministic judge for skills whose right answer it can compute (ROT13 here): it computes the reference from
 * the task and scores the answer 1 when it matches (ignoring case and spacing at the ends), 0 otherwise. A review
 * of a skill it does not know gets 0.5 and says so — a judge that guesses would soon fail its gold reviews.
 */
public final class ReferenceJudge extends Judge {

    public static final SkillCard SKILL = new SkillCard("review-rot13", "Reviews ROT13 answers",
            "Reviews answers of ROT13 agents by computing the reference answer.", List.of(REVIEW_TAG, "rot13"),
            List.of());

    private final Map<String, UnaryOperator<String>> references = Map.of("rot13", new Rot13());

    @Override
    protected Review review(ReviewData request) {
        UnaryOperator<String> reference = request.skillId() == null ? null : references.get(request.skillId());
        if (reference == null) {
            return new Review(0.5, "no reference for skill " + request.skillId());
        }
        String expected = reference.apply(request.task()).strip();
        boolean right = expected.equalsIgnoreCase(request.answer().strip());
        return new Review(right ? 1 : 0, right ? "matches the reference answer"
                : "the reference answer is \"" + abbreviate(expected) + "\"");
    }

    private static String abbreviate(String s) {
        return s.length() <= 80 ? s : s.substring(0, 80) + "…";
    }
}
