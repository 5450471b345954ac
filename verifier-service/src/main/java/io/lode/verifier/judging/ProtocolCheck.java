package io.lode.verifier.judging;

import java.util.Optional;

import io.lode.events.tasks.AgentResultReceived;
import io.lode.events.tasks.CallOutcome;

/** The call succeeded and the answer is non-empty and bounded; otherwise FAIL, whatever the task. */
public final class ProtocolCheck implements VerificationStrategy {

    public static final String METHOD = "protocol";
    public static final int MAX_ANSWER_CHARS = 262_144;

    @Override
    public Optional<Judgement> judge(Submission submission) {
        AgentResultReceived result = submission.result();
        if (result.getOutcome() != CallOutcome.OK) {
            return Optional.of(Judgement.fail(METHOD, "call " + result.getOutcome()
                    + (result.getError() == null ? "" : ": " + result.getError())));
        }
        String output = result.getOutput();
        if (output == null || output.isBlank()) {
            return Optional.of(Judgement.fail(METHOD, "empty answer"));
        }
        if (output.length() > MAX_ANSWER_CHARS) {
            return Optional.of(Judgement.fail(METHOD, "answer longer than " + MAX_ANSWER_CHARS + " characters"));
        }
        return Optional.empty();
    }
}
