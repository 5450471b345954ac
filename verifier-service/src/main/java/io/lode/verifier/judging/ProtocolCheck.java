package io.lode.verifier.judging;

import java.util.Optional;

import io.lode.events.tasks.AgentResultReceived;
import io.lode.events.tasks.CallOutcome;

/**
 * The call succeeded and the answer is non-empty; otherwise FAIL, whatever the task. (Its length is bounded by the
 * event contract: the orchestrator refuses longer answers and the verifier parks events that carry one.)
 */
public final class ProtocolCheck implements VerificationStrategy {

    public static final String METHOD = "protocol";

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
        return Optional.empty();
    }
}
