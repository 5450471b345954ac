package io.lode.verifier.reputation;

import io.lode.verifier.judging.Judgement;
import io.lode.verifier.judging.ProtocolCheck;
import io.lode.verifier.judging.VerificationPolicy;

/**
 * How much one verdict says about an agent. Only what was checked counts, and only where faking it costs:
 * <ul>
 *   <li>hidden challenges (exam questions, honeypots): {@code challengeWeight} — the network pays for them and
 *       the agent cannot tell them apart;</li>
 *   <li>checked results of consumer tasks: 1, but only when the task was paid (price &gt; 0), so traffic an
 *       agent's owner sends it for free cannot inflate its score;</li>
 *   <li>protocol failures (errors, timeouts, empty answers): 1 — nobody gains by faking those;</li>
 *   <li>answers nothing could check (liveness, protocol-only passes): 0.</li>
 * </ul>
 */
public record Evidence(double challengeWeight) {

    public double weight(Judgement judgement, boolean challenge, boolean provesSkill, long price) {
        if (judgement.method().equals(ProtocolCheck.METHOD)) {
            return 1;
        }
        if (judgement.method().equals(VerificationPolicy.UNCHECKED) || !provesSkill) {
            return 0;
        }
        if (challenge) {
            return challengeWeight;
        }
        return price > 0 ? 1 : 0;
    }
}
