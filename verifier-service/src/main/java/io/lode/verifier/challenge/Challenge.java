package io.lode.verifier.challenge;

/** A hidden known-answer question: the input an agent sees and how its answer is checked. */
public record Challenge(String skill, String input, Checker checker, String expected) {

    /** How a challenge's answer is judged. */
    public enum Checker { ARITHMETIC, LIVENESS }
}
