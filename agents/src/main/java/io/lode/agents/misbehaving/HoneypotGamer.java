package io.lode.agents.misbehaving;

import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Works only when it thinks it is watched: requests phrased like the verifier's challenges it hands to a real
 * skill; everything else gets a cheap made-up answer. Honeypots alone cannot catch it; disagreement with other
 * agents on redundant tasks can.
 */
public final class HoneypotGamer implements UnaryOperator<String> {

    /** Openings of the verifier's challenge prompts, as a gamer would learn them by logging its traffic. */
    private static final List<String> CHALLENGE_OPENINGS = List.of("Summarise this text in at most two sentences",
            "Extract the three most important keywords", "Classify the sentiment of this review", "What is ",
            "Compute ", "Please calculate ");

    private final UnaryOperator<String> realSkill;
    private final String cheapAnswer;

    public HoneypotGamer(UnaryOperator<String> realSkill, String cheapAnswer) {
        this.realSkill = realSkill;
        this.cheapAnswer = cheapAnswer;
    }

    @Override
    public String apply(String request) {
        boolean looksWatched = CHALLENGE_OPENINGS.stream().anyMatch(request::startsWith);
        return looksWatched ? realSkill.apply(request) : cheapAnswer;
    }
}
