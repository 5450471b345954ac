package io.lode.verifier.reputation;

import io.lode.events.verdicts.Verdict;
import io.lode.verifier.judging.Judgement;
import io.lode.verifier.judging.ProtocolCheck;
import io.lode.verifier.judging.VerificationPolicy;
import io.lode.verifier.llm.LlmJudge;

/**
 * How much one verdict says about an agent. Only what was checked counts, and only where faking it costs:
 * <ul>
 *   <li>hidden challenges (exam questions, honeypots): {@code challengeWeight} — the network pays for them and
 *       the agent cannot tell them apart;</li>
 *   <li>checked results of consumer tasks: 1, but only when the task was paid (price &gt; 0) by an account not
 *       opened with the agent's own key ({@link LinkedAccounts}), so traffic an agent's owner sends it — free or
 *       paid to itself — cannot inflate its score;</li>
 *   <li>protocol failures (errors, timeouts, empty answers): 1 — nobody gains by faking those;</li>
 *   <li>an LLM judge's rating of a paid task: 0.5 — a model can be talked round, a checker cannot;</li>
 *   <li>answers nothing could check (liveness, protocol-only passes) and INCONCLUSIVE verdicts: 0 — "could not
 *       tell" is no evidence either way.</li>
 * </ul>
 */
public record Evidence(double challengeWeight) {

    public double weight(Judgement judgement, boolean challenge, boolean provesSkill, long price) {
        if (judgement.method().equals(ProtocolCheck.METHOD)) {
            return 1;
        }
        if (judgement.method().equals(VerificationPolicy.UNCHECKED) || !provesSkill
                || judgement.verdict() == Verdict.INCONCLUSIVE) {
            return 0;
        }
        if (challenge) {
            return challengeWeight;
        }
        if (price <= 0) {
            return 0;
        }
        return judgement.method().equals(LlmJudge.METHOD) ? 0.5 : 1;
    }
}
