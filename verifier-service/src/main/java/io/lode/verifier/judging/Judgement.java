package io.lode.verifier.judging;

import java.util.List;

import io.lode.events.verdicts.Verdict;

/** A verdict with the strategy that reached it, a score in [0,1] and the evidence a developer can read. */
public record Judgement(Verdict verdict, String method, double score, List<String> evidence) {

    public static Judgement pass(String method, double score, String evidence) {
        return new Judgement(Verdict.PASS, method, score, List.of(evidence));
    }

    public static Judgement fail(String method, String evidence) {
        return new Judgement(Verdict.FAIL, method, 0.0, List.of(evidence));
    }
}
