package io.lode.verifier.challenge;

import java.util.random.RandomGenerator;

import io.lode.verifier.judging.Judgement;

/**
 * One kind of skill the verifier can test: which declared skills it covers, how it makes a fresh challenge from
 * random parameters (so answers cannot be memorised), and how it checks an answer.
 */
public interface ChallengeFamily {

    Challenge.Checker checker();

    /** Whether a skill described by {@code skillText} (lower case: id, name, description, tags) is of this family. */
    boolean covers(String skillText);

    Challenge generate(String skillId, RandomGenerator random);

    /** Judges a well-formed, non-empty answer (protocol checks have passed). Deterministic. */
    Judgement check(Challenge challenge, String answer);

    /** Whether passing proves skill; a liveness answer proves only that the agent is there. */
    default boolean provesSkill() {
        return true;
    }
}
