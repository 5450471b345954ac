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
     * This challenge asking the same under another instruction (a honeypot phrased like real traffic); empty for
     * a family whose checker reads the instruction itself (arithmetic) or that has no body to keep (liveness).
     */
    default Optional<Challenge> rephrased(Challenge challenge, String instruction) {
        return Optional.empty();
    }

    /** An instruction drawn from the family's generated space of phrasings ({@link Phrasings}); empty if none. */
    default Optional<String> instruction(RandomGenerator random) {
        return Optional.empty();
    }

    /** Whether passing proves skill; a liveness answer proves only that the agent is there. */
    default boolean provesSkill() {
        return true;
    }
}
