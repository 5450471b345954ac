package io.lode.verifier.verification;

/** An event that decodes but breaks the contract (unknown task, oversized output): parked, never retried. */
public final class RejectedEventException extends RuntimeException {

    public RejectedEventException(String reason) {
        super(reason);
    }
}
