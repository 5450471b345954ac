package io.lode.reward.escrow;

/**
 * An event would move money on a verdict whose receipt does not verify: the ledger applies none of it. The service
 * dead-letters the event with this message; the audit reports it as FORGED.
 */
public class ForgedReceiptException extends RuntimeException {

    public ForgedReceiptException(String message) {
        super(message);
    }
}
