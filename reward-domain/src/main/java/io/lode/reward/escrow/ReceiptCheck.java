package io.lode.reward.escrow;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.function.Function;

import io.lode.events.verdicts.Receipt;
import io.lode.events.verdicts.Verdict;
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
                  Receipt receipt) {
    }

    /** Why the receipt does not justify {@code judged}, or empty if it does. */
    Optional<String> problem(Judged judged);

    /**
     * Checks lode-receipt/v2 receipts against the keyring {@code keysFor} gives for a key (the service may fetch a
     * fresh ring when a receipt names a key it has not seen: the verifier may have rotated). v1 receipts sign no
     * price and no time, so they justify nothing.
     */
    static ReceiptCheck against(Function<String, VerifierKeyring> keysFor) {
        return judged -> {
            Receipt receipt = judged.receipt();
            if (receipt == null) {
                return Optional.of("no receipt");
            }
            if (!VerdictReceipts.V2.equals(receipt.getFormat())) {
                return Optional.of("receipt format " + receipt.getFormat() + " signs no price; "
                        + VerdictReceipts.V2 + " needed");
            }
            String text = VerdictReceipts.text(judged.taskId(), judged.agentId(), receipt.getRequestDigest(),
                    receipt.getResponseDigest(), judged.verdict().name(), judged.score(), judged.method(),
                    judged.price(), receipt.getSignedAtMicros());
            Instant signedAt = Instant.EPOCH.plus(receipt.getSignedAtMicros(), ChronoUnit.MICROS);
            return keysFor.apply(receipt.getVerifierKey()).problem(receipt.getVerifierKey(), signedAt, text,
                    receipt.getSignature());
        };
    }

    /** A fixed keyring: the audit replay's, and tests'. */
    static ReceiptCheck against(VerifierKeyring keys) {
        return against(key -> keys);
    }
}
