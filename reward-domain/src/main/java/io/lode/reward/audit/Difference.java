package io.lode.reward.audit;

/**
 * One place where the log and the recomputation disagree: what kind of disagreement, where (an event's
 * topic/partition@offset, an epoch, an account), what the domain code expected and what was found.
 */
public record Difference(Kind kind, String where, String expected, String found) {

    public enum Kind {
        /** An event on the ledger or epoch stream that the domain code did not produce (injected or forged). */
        UNEXPECTED,
        /** An event the domain code produced that the log does not have (removed). */
        MISSING,
        /** An event in the log that says something other than what the domain code produced for the same cause. */
        ALTERED,
        /** The same event id twice with different contents. */
        DUPLICATE,
        /** A published epoch whose root, totals or link differ from the recomputed one. */
        EPOCH,
        /** A published epoch that does not name the hash of the published epoch before it. */
        CHAIN,
        /** The domain code refused an event (it would take an account below zero, say). */
        REFUSED,
        /** A task that ended with its escrow still open. */
        ESCROW_OPEN,
        /** A balance the service reports that differs from the recomputed one. */
        BALANCE,
        /**
         * A verdict, or a payment a completed task names, whose receipt does not verify against the verifier's
         * published keys: written by someone other than the verifier (or altered). The ledger pays nothing for it.
         */
        FORGED,
        /**
         * A panel verdict whose score is not the weight-median of the judges' scores it names, or whose verdict is
         * not the one that median implies (nor INCONCLUSIVE, which a panel may decide when its judges disagree).
         */
        PANEL,
        /** A record on a lode.* topic that is no event of any released schema. */
        UNDECODABLE
    }
}
