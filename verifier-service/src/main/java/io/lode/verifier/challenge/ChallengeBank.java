package io.lode.verifier.challenge;

import java.util.List;
import java.util.Locale;
import java.util.random.RandomGenerator;

import io.lode.verifier.judging.Judgement;

/**
 * The challenge families, in the order a declared skill is matched against them: arithmetic, keyword
 * extraction, classification, summarisation — and liveness for any skill none of them covers.
 */
public final class ChallengeBank {

    private static final List<ChallengeFamily> FAMILIES = List.of(new ArithmeticChallenges(),
            new KeywordChallenges(), new ClassificationChallenges(), new SummaryChallenges(),
            new LivenessChallenges());

    private final RandomGenerator random;

    public ChallengeBank(RandomGenerator random) {
        this.random = random;
    }

    /** The family that tests a skill, from its id and its text (name, description, tags). */
    public static ChallengeFamily familyOf(String skillId, String skillText) {
        String text = (skillId + " " + skillText).toLowerCase(Locale.ROOT);
        return FAMILIES.stream().filter(f -> f.covers(text)).findFirst().orElseThrow();
    }

    public static ChallengeFamily family(Challenge.Checker checker) {
        return FAMILIES.stream().filter(f -> f.checker() == checker).findFirst().orElseThrow();
    }

    public Challenge challengeFor(String skillId, String skillText) {
        return familyOf(skillId, skillText).generate(skillId, random);
    }

    /** A fresh challenge of the given family, for a skill already classified. */
    public Challenge challengeFor(String skillId, Challenge.Checker checker) {
        return family(checker).generate(skillId, random);
    }

    public static Judgement check(Challenge challenge, String answer) {
        return family(challenge.checker()).check(challenge, answer);
    }
}
