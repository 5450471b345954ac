package io.lode.verifier.judging;

import java.math.BigDecimal;
import java.util.Optional;

import io.lode.events.tasks.AgentResultReceived;
import io.lode.events.tasks.CallOutcome;

/**
 * Judges one agent result of a consumer task. Walking-skeleton policy: the protocol check first (the call
 * succeeded, the answer is non-empty and bounded), then the deterministic arithmetic check when the task is
 * arithmetic. Other tasks pass on the protocol check alone, with score 0.5, and say so in the method.
 */
public final class ResultJudge {

    public static final int MAX_ANSWER_CHARS = 262_144;

    private ResultJudge() {
    }

    public static Judgement judge(AgentResultReceived result) {
        Optional<Judgement> protocolFailure = protocolFailure(result.getOutcome(), result.getOutput(), result.getError());
        if (protocolFailure.isPresent()) {
            return protocolFailure.get();
        }
        Optional<BigDecimal> expected = ArithmeticCheck.expected(result.getInput());
        if (expected.isPresent()) {
            return ArithmeticCheck.judge(expected.get(), result.getOutput());
        }
        return Judgement.pass("protocol-only", 0.5, "answered within protocol and size; no checker for this task yet");
    }

    public static Optional<Judgement> protocolFailure(CallOutcome outcome, String output, String error) {
        if (outcome != CallOutcome.OK) {
            return Optional.of(Judgement.fail("protocol", "call " + outcome + (error == null ? "" : ": " + error)));
        }
        if (output == null || output.isBlank()) {
            return Optional.of(Judgement.fail("protocol", "empty answer"));
        }
        if (output.length() > MAX_ANSWER_CHARS) {
            return Optional.of(Judgement.fail("protocol", "answer longer than " + MAX_ANSWER_CHARS + " characters"));
        }
        return Optional.empty();
    }
}
