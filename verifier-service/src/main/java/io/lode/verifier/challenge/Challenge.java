package io.lode.verifier.challenge;

/**
 * A hidden known-answer question: the input an agent sees, the family whose checker judges the answer, and what
 * that checker needs to know (kept in the verifier's database, never sent). {@code data}, when not null, is a data
 * part (JSON) sent with the input: a gold review's review/v1 request.
 */
public record Challenge(String skill, String input, Checker checker, String expected, String data) {

    /** A text-only challenge. */
    public Challenge(String skill, String input, Checker checker, String expected) {
        this(skill, input, checker, expected, null);
    }

    /**
     * The challenge families; each name is stored with the challenge. REVIEW: a gold review sent to a judge (its
     * expected value is the {@link io.lode.verifier.review.GoldKind}); PANEL: an exam question of a skill no family
     * checks, whose answer a panel of judges scores (no expected value).
     */
    public enum Checker { ARITHMETIC, KEYWORDS, CLASSIFICATION, SUMMARY, LIVENESS, REVIEW, PANEL }
}
