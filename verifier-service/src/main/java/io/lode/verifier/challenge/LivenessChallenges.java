package io.lode.verifier.challenge;

import java.util.List;
import java.util.random.RandomGenerator;

import io.lode.verifier.judging.Judgement;

/**
 * For skills no checker covers: a plain prompt that any well-formed, non-empty answer passes. It shows the agent
 * speaks A2A and answers in time — not that it is good at anything, so such passes never build reputation.
 */
final class LivenessChallenges implements ChallengeFamily {

    private static final List<String> PROMPTS = List.of("Describe what you can do in one sentence.",
            "Say hello to the Lode network.", "Answer with a short greeting.",
            "In a few words, what kind of requests do you handle?");

    @Override
    public Challenge.Checker checker() {
        return Challenge.Checker.LIVENESS;
    }

    @Override
    public List<String> terms() {
        return List.of();
    }

    @Override
    public Challenge generate(String skillId, RandomGenerator random) {
        return new Challenge(skillId, Words.pick(random, PROMPTS), checker(), null);
    }

    @Override
    public Judgement check(Challenge challenge, String answer) {
        return Judgement.pass("liveness", 1.0, "answered a liveness challenge");
    }

    @Override
    public boolean provesSkill() {
        return false;
    }
}
