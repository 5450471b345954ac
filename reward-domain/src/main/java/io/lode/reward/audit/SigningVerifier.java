package io.lode.reward.audit;

import java.security.KeyPair;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import io.lode.events.tasks.Payment;
import io.lode.events.verdicts.Receipt;
import io.lode.events.verdicts.ResultVerdict;
import io.lode.identity.AgentKeys;
import io.lode.identity.VerdictReceipts;
import io.lode.identity.VerifierKeyring;
import io.lode.reward.escrow.ReceiptCheck;

/**
 * A verifier's signing half, for simulated logs and tests: signs verdicts with lode-receipt/v3 receipts the way
 * the verifier service does, and lists its key as {@code /v1/verifier/keys} would.
 */
public final class SigningVerifier {

    private final KeyPair key = AgentKeys.generate();
    private final VerifierKeyring keys = new VerifierKeyring(java.util.List.of(
            new VerifierKeyring.Key(AgentKeys.encodePublic(key.getPublic()), Instant.EPOCH, null)));

    public VerifierKeyring keys() {
        return keys;
    }

    /** {@code verdict} with a receipt signed at {@code at} (digests made up: nothing here calls an agent). */
    public ResultVerdict sign(ResultVerdict verdict, Instant at) {
        long signedAt = ChronoUnit.MICROS.between(Instant.EPOCH, at);
        String requestDigest = "00".repeat(32);
        String text = VerdictReceipts.text(verdict.getTaskId(), verdict.getAgentId(), requestDigest, null,
                verdict.getVerdict().name(), verdict.getScore(), verdict.getMethod(), verdict.getPrice(), signedAt,
                VerdictReceipts.panelDigest(ReceiptCheck.votes(verdict.getPanel())));
        Receipt receipt = Receipt.newBuilder().setRequestDigest(requestDigest).setResponseDigest(null)
                .setVerifierKey(AgentKeys.encodePublic(key.getPublic()))
                .setSignature(VerdictReceipts.sign(key.getPrivate(), text)).setFormat(VerdictReceipts.V3)
                .setSignedAtMicros(signedAt).build();
        return Records.with(verdict, "receipt", receipt);
    }

    /** The payment a completion names for a passed, signed verdict, as the orchestrator writes it. */
    public static Payment paymentFor(ResultVerdict verdict) {
        return Payment.newBuilder().setAgentId(verdict.getAgentId()).setPrice(verdict.getPrice())
                .setVerdict(verdict.getVerdict()).setScore(verdict.getScore()).setMethod(verdict.getMethod())
                .setReceipt(verdict.getReceipt()).setPanel(verdict.getPanel()).build();
    }
}
