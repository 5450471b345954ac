-- Closed epochs: a hash chain of Merkle roots over every account's balance at the close.
CREATE TABLE epoch (
    epoch         BIGINT PRIMARY KEY,
    started_at    TIMESTAMPTZ NOT NULL,
    closed_at     TIMESTAMPTZ NOT NULL,
    last_tx_id    BIGINT      NOT NULL,
    emission      BIGINT      NOT NULL,
    fees_settled  BIGINT      NOT NULL,
    accounts      BIGINT      NOT NULL,
    merkle_root   TEXT        NOT NULL,
    previous_hash TEXT        NOT NULL,
    hash          TEXT        NOT NULL
);

-- The leaves of each epoch's tree, so any account can get its inclusion proof later.
CREATE TABLE epoch_balance (
    epoch      BIGINT NOT NULL REFERENCES epoch (epoch),
    account_id TEXT   NOT NULL,
    balance    BIGINT NOT NULL,
    PRIMARY KEY (epoch, account_id)
);
