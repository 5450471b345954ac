package io.lode.verifier.challenge;

import java.util.List;
import java.util.Locale;
import java.util.random.RandomGenerator;

/**
 * Makes fresh challenges for a declared skill, from random parameters so answers cannot be memorised.
 * Skills that look arithmetic get a multiplication or addition to solve; skills we cannot check yet get a
 * liveness challenge (any well-formed, non-empty answer passes).
 */
public final class ChallengeBank {

    private static final List<String> ARITHMETIC_WORDS = List.of("math", "arithmetic", "calculat", "number");
    private static final List<String> LIVENESS_PROMPTS = List.of(
            "Describe what you can do in one sentence.",
            "Say hello to the Lode network.",
            "Answer with a short greeting.");

    private final RandomGenerator random;

    public ChallengeBank(RandomGenerator random) {
        this.random = random;
    }

    public Challenge challengeFor(String skillId, String skillText) {
        String text = (skillId + " " + skillText).toLowerCase(Locale.ROOT);
        if (ARITHMETIC_WORDS.stream().anyMatch(text::contains)) {
            long a = random.nextLong(2, 1_000);
            long b = random.nextLong(2, 1_000);
            boolean multiply = random.nextBoolean();
            String input = "What is " + a + (multiply ? " * " : " + ") + b + "?";
            return new Challenge(skillId, input, Challenge.Checker.ARITHMETIC,
                    Long.toString(multiply ? a * b : a + b));
        }
        return new Challenge(skillId, LIVENESS_PROMPTS.get(random.nextInt(LIVENESS_PROMPTS.size())),
                Challenge.Checker.LIVENESS, null);
    }
}
