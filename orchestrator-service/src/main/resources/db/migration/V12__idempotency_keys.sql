-- A consumer's Idempotency-Key on POST /v1/tasks: the same key and body within a day give the same task (one
-- escrow, one charge); the key with another body is refused. The fingerprint is SHA-256 of the request as sent.
CREATE TABLE task_idempotency (
    account_id      TEXT        NOT NULL,
    idempotency_key TEXT        NOT NULL,
    fingerprint     TEXT        NOT NULL,
    task_id         TEXT        NOT NULL,
    created_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (account_id, idempotency_key)
);
