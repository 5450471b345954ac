package io.lode.verifier.challenge;

import java.util.List;
import java.util.Optional;

/**
 * A family whose challenges are an exam prompt followed by material, and whose checker reads only the hidden
 * answer: its honeypots may carry any instruction instead of the prompt ({@link Phrasings}).
 */
abstract class PromptedChallenges implements ChallengeFamily {

    private final Challenge.Checker checker;
    private final List<String> terms;
    private final String prompt;
    private final Phrasings.Parts phrasings;

    PromptedChallenges(Challenge.Checker checker, List<String> terms, String prompt, Phrasings.Parts phrasings) {
        this.checker = checker;
        this.terms = List.copyOf(terms);
        this.prompt = prompt;
        this.phrasings = phrasings;
    }

    @Override
    public final Challenge.Checker checker() {
        return checker;
    }

    @Override
    public final List<String> terms() {
        return terms;
    }

    @Override
    public final Optional<String> prompt() {
        return Optional.of(prompt);
    }

    @Override
    public final Optional<Phrasings.Parts> phrasings() {
        return Optional.of(phrasings);
    }
}
