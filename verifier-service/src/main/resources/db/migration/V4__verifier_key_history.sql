-- Every key the verifier has signed receipts with, and when: the ledger and the audit accept a receipt only if its
-- key was valid at the receipt's signed time, so keys can rotate without old receipts turning into forgeries.
CREATE TABLE verifier_key (
    public_key  TEXT PRIMARY KEY,
    valid_from  TIMESTAMPTZ NOT NULL,
    valid_until TIMESTAMPTZ
);
