package io.lode.verifier.challenge;

import java.util.List;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * Instructions a honeypot can carry instead of its family's exam prompt, so that an agent learning the exam's
 * wording cannot tell honeypots from consumers: drawn from a space generated from parts (verb × object × manner ×
 * separator: hundreds per family), or the instruction of a real task of the skill ({@link #instructionOf}).
 */
public final class Phrasings {

    /** Real instructions longer than this are not reused: they carry more of the consumer than its phrasing. */
    public static final int MAX_INSTRUCTION = 120;

    private Phrasings() {
    }

    /** What a family's instructions are made of: "Summarise" × "this text" × "in two sentences". */
    public record Parts(List<String> verbs, List<String> objects, List<String> manners) {
    }

    static String generate(RandomGenerator random, Parts parts) {
        String manner = Words.pick(random, parts.manners());
        String sentence = Words.pick(random, parts.verbs()) + " " + Words.pick(random, parts.objects())
                + (manner.isEmpty() ? "" : " " + manner);
        return sentence + Words.pick(random, List.of(":\n\n", ": ", ":\n", " -\n\n"));
    }

    /**
     * The instruction of a consumer's task — its text up to the first colon, when that comes within
     * {@value #MAX_INSTRUCTION} characters and holds two words or more ("Give me the gist of this:").
     */
    public static Optional<String> instructionOf(String input) {
        int colon = input.indexOf(':');
        if (colon < 0 || colon > MAX_INSTRUCTION) {
            return Optional.empty();
        }
        String instruction = input.substring(0, colon + 1).strip();
        return instruction.contains("\n") || instruction.split("\\s+").length < 2 ? Optional.empty()
                : Optional.of(instruction + " ");
    }

    /** {@code challenge} with {@code prompt} (the family's exam prompt, which it starts with) replaced. */
    static Optional<Challenge> replacePrompt(Challenge challenge, String prompt, String instruction) {
        if (!challenge.input().startsWith(prompt)) {
            return Optional.empty();
        }
        return Optional.of(new Challenge(challenge.skill(), instruction + challenge.input().substring(prompt.length()),
                challenge.checker(), challenge.expected()));
    }
}
