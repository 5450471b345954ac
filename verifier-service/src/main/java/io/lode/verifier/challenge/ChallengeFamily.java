package io.lode.verifier.challenge;

import java.util.List;
import java.util.Optional;
import java.util.random.RandomGenerator;

import io.lode.verifier.judging.Judgement;

/**
 * One kind of skill the verifier can test: which declared skills it covers, how it makes a fresh challenge from
 * random parameters (so answers cannot be memorised), and how it checks an answer.
 */
public interface ChallengeFamily {

    Challenge.Checker checker();

    /**
     * The word beginnings that name a skill of this family ("summar" for summary, summarise, summarization);
     * see {@link ChallengeBank#familyOf(DeclaredSkill)} for where they are looked for.
     */
    List<String> terms();

    Challenge generate(String skillId, RandomGenerator random);

    /** Judges a well-formed, non-empty answer (protocol checks have passed). Deterministic. */
    Judgement check(Challenge challenge, String answer);

    /**
     * A consumer task sent for a skill of this family, whose input the answer can be held against: FAIL when the
     * answer plainly is not work of the family (a "summary" sharing almost no words with its source), empty when
     * this cannot tell. It never passes: a consumer's text has no hidden answer, and a PASS here would be a way
     * to farm reputation by echoing the input.
     */
    default Optional<Judgement> refute(String input, String answer) {
        return Optional.empty();
    }

    /**
     * The exam prompt every challenge's input starts with, for a family whose checker reads only the hidden
     * answer; empty for one whose checker reads the instruction itself (arithmetic) or has no body (liveness).
     */
    default Optional<String> prompt() {
        return Optional.empty();
    }

    /** What the family's generated instructions are made of; empty for a family without a {@link #prompt()}. */
    default Optional<Phrasings.Parts> phrasings() {
        return Optional.empty();
    }

    /** This challenge asking the same under another instruction (a honeypot phrased like real traffic). */
    default Optional<Challenge> rephrased(Challenge challenge, String instruction) {
        return prompt().flatMap(prompt -> Phrasings.replacePrompt(challenge, prompt, instruction));
    }

    /** An instruction drawn from the family's generated space of phrasings ({@link Phrasings}). */
    default Optional<String> instruction(RandomGenerator random) {
        return phrasings().map(parts -> Phrasings.generate(random, parts));
    }

    /** Whether passing proves skill; a liveness answer proves only that the agent is there. */
    default boolean provesSkill() {
        return true;
    }
}
