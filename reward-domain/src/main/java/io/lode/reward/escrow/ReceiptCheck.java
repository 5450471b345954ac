package io.lode.reward.escrow;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import io.lode.events.tasks.Payment;
import io.lode.events.verdicts.PanelScore;
import io.lode.events.verdicts.Receipt;
import io.lode.events.verdicts.ResultVerdict;
import io.lode.events.verdicts.Verdict;
import io.lode.identity.PanelMedian;
import io.lode.identity.VerdictReceipts;
import io.lode.identity.VerifierKeyring;

/**
 * Whether a verdict the ledger is asked to act on (a payment a task's completion names, a FAIL that slashes) was
 * issued by the verifier: the port the escrow saga checks receipts through. The service backs it with the
 * verifier's published keys, the audit replay with the keys it read.
 */
@FunctionalInterface
public interface ReceiptCheck {

    /** What was judged, as the receipt must have signed it. */
    record Judged(String taskId, String agentId, long price, Verdict verdict, double score, String method,
                  Receipt receipt, List<PanelScore> panel) {

        public Judged {
            panel = List.copyOf(panel);
        }

        /** A verdict as it claims to have been judged. */
        public static Judged of(ResultVerdict verdict) {
            return new Judged(verdict.getTaskId(), verdict.getAgentId(), verdict.getPrice(), verdict.getVerdict(),
                    verdict.getScore(), verdict.getMethod(), verdict.getReceipt(), verdict.getPanel());
        }

        /** A payment a completion of {@code taskId} names, as it claims its verdict was judged. */
        public static Judged of(String taskId, Payment payment) {
            return new Judged(taskId, payment.getAgentId(), payment.getPrice(), payment.getVerdict(),
                    payment.getScore(), payment.getMethod(), payment.getReceipt(), payment.getPanel());
        }
    }

    /** Why the receipt does not justify {@code judged}, or empty if it does. */
    Optional<String> problem(Judged judged);

    /**
     * Checks lode-receipt/v3 receipts (and v2 ones of verdicts without a panel, signed before v3) against the
     * keyring {@code keysFor} gives for a key (the service may fetch a fresh ring when a receipt names a key it has
     * not seen: the verifier may have rotated). v1 receipts sign no price and no time, so they justify nothing; v2
     * signs no panel, so it cannot vouch for one.
     */
    static ReceiptCheck against(Function<String, VerifierKeyring> keysFor) {
        return judged -> {
            Receipt receipt = judged.receipt();
            if (receipt == null) {
                return Optional.of("no receipt");
            }
            String text;
            if (VerdictReceipts.V3.equals(receipt.getFormat())) {
                text = VerdictReceipts.text(judged.taskId(), judged.agentId(), receipt.getRequestDigest(),
                        receipt.getResponseDigest(), judged.verdict().name(), judged.score(), judged.method(),
                        judged.price(), receipt.getSignedAtMicros(), VerdictReceipts.panelDigest(votes(judged.panel())));
            } else if (VerdictReceipts.V2.equals(receipt.getFormat()) && judged.panel().isEmpty()) {
                text = VerdictReceipts.text(judged.taskId(), judged.agentId(), receipt.getRequestDigest(),
                        receipt.getResponseDigest(), judged.verdict().name(), judged.score(), judged.method(),
                        judged.price(), receipt.getSignedAtMicros());
            } else if (VerdictReceipts.V2.equals(receipt.getFormat())) {
                return Optional.of("receipt format " + VerdictReceipts.V2 + " signs no panel; " + VerdictReceipts.V3
                        + " needed");
            } else {
                return Optional.of("receipt format " + receipt.getFormat() + " signs no price; "
                        + VerdictReceipts.V3 + " needed");
            }
            Instant signedAt = Instant.EPOCH.plus(receipt.getSignedAtMicros(), ChronoUnit.MICROS);
            return keysFor.apply(receipt.getVerifierKey()).problem(receipt.getVerifierKey(), signedAt, text,
                    receipt.getSignature());
        };
    }

    /** A verdict's panel as the votes its median, its digest and its judges' pay are computed from. */
    public static List<PanelMedian.Vote> votes(List<PanelScore> panel) {
        return panel.stream().map(p -> new PanelMedian.Vote(p.getJudgeId(), p.getScore(), p.getWeight())).toList();
    }

    /** A fixed keyring: the audit replay's, and tests'. */
    static ReceiptCheck against(VerifierKeyring keys) {
        return against(key -> keys);
    }
}
