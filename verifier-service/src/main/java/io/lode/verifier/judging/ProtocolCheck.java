package io.lode.verifier.judging;

import java.util.Optional;

import io.lode.events.tasks.AgentResultReceived;
import io.lode.events.tasks.CallOutcome;
import io.lode.semantics.Texts;

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
        if (Texts.invisible(output)) {
            // zero-width and format characters only are as empty as no answer (and no checker can read them)
            return Optional.of(Judgement.fail(METHOD, "empty answer"));
        }
        return Optional.empty();
    }
}
