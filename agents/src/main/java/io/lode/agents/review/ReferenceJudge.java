package io.lode.agents.review;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

import io.lode.agents.a2a.A2aAgentServer.SkillCard;
import io.lode.agents.cipher.Rot13;
import io.lode.arithmetic.AnswerCheck;
import io.lode.arithmetic.ArithmeticTask;
import io.lode.identity.ReviewContract;

/**
 * A deterministic judge for work whose right answer it can compute: ROT13 (a skill whose id, name or tags say
 * rot13) and any task that is entirely arithmetic (evaluated with the same parser as the verifier's checker). It
 * scores 1 when the answer matches the reference (ROT13: ignoring case and spacing at the ends), 0 otherwise. A
 * review of anything else gets 0.5 and says so — a judge that guesses would soon fail its gold reviews.
 */
public final class ReferenceJudge extends Judge {

    public static final SkillCard SKILL = new SkillCard("review-rot13", "Reviews ROT13 answers",
            "Reviews answers of ROT13 agents by computing the reference answer.", List.of(ReviewContract.TAG, "rot13"),
            List.of());

    private final Rot13 rot13 = new Rot13();

    @Override
    protected Review review(ReviewData request) {
        if (!isRot13(request)) {
            Optional<ArithmeticTask> arithmetic = ArithmeticTask.read(request.task());
            if (arithmetic.isEmpty()) {
                return new Review(0.5, "no reference for skill " + request.skillId());
            }
            AnswerCheck.Outcome outcome = AnswerCheck.check(arithmetic.get(), request.answer());
            return new Review(outcome.right() ? 1 : 0, outcome.reason());
        }
        String expected = rot13.apply(request.task()).strip();
        boolean right = expected.equalsIgnoreCase(request.answer().strip());
        return new Review(right ? 1 : 0, right ? "matches the reference answer"
                : "the reference answer is \"" + abbreviate(expected) + "\"");
    }

    private static boolean isRot13(ReviewData request) {
        String skill = (request.skillId() == null ? "" : request.skillId()).toLowerCase(Locale.ROOT);
        return skill.contains("rot13") || skill.contains("rot-13");
    }

    private static String abbreviate(String s) {
        return s.length() <= 80 ? s : s.substring(0, 80) + "…";
    }
}
