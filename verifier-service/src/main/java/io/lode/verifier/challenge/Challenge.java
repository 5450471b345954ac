package io.lode.verifier.challenge;

/**
 * A hidden known-answer question: the input an agent sees, the family whose checker judges the answer, and what
 * that checker needs to know (kept in the verifier's database, never sent).
 */
public record Challenge(String skill, String input, Checker checker, String expected) {

    /** The challenge families; each name is stored with the challenge. */
    public enum Checker { ARITHMETIC, KEYWORDS, CLASSIFICATION, SUMMARY, LIVENESS }
}
