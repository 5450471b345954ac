-- Double-entry ledger. Amounts are micro-units (1 credit = 1,000,000). Every transaction's postings sum to
-- zero (checked at commit by a deferred trigger); balances follow from postings; only the mint goes negative,
-- so the sum of all balances is always zero and what agents and consumers hold equals minted + deposited.
CREATE TABLE account (
    account_id TEXT PRIMARY KEY,
    kind       TEXT   NOT NULL CHECK (kind IN ('CONSUMER', 'AGENT', 'ESCROW', 'TREASURY', 'MINT')),
    balance    BIGINT NOT NULL DEFAULT 0,
    CONSTRAINT only_the_mint_goes_negative CHECK (kind = 'MINT' OR balance >= 0)
);

CREATE TABLE ledger_transaction (
    tx_id       BIGSERIAL PRIMARY KEY,
    event_id    UUID        NOT NULL UNIQUE,
    kind        TEXT        NOT NULL,
    task_id     TEXT,
    memo        TEXT,
    occurred_at TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE TABLE posting (
    tx_id      BIGINT NOT NULL REFERENCES ledger_transaction (tx_id),
    account_id TEXT   NOT NULL REFERENCES account (account_id),
    amount     BIGINT NOT NULL CHECK (amount <> 0),
    PRIMARY KEY (tx_id, account_id)
);
CREATE INDEX posting_by_account ON posting (account_id, tx_id DESC);

CREATE FUNCTION posting_applies() RETURNS trigger AS $$
BEGIN
    UPDATE account SET balance = balance + NEW.amount WHERE account_id = NEW.account_id;
    RETURN NULL;
END
$$ LANGUAGE plpgsql;
CREATE TRIGGER posting_applies AFTER INSERT ON posting FOR EACH ROW EXECUTE FUNCTION posting_applies();

CREATE FUNCTION transaction_balances() RETURNS trigger AS $$
BEGIN
    IF (SELECT sum(amount) FROM posting WHERE tx_id = NEW.tx_id) <> 0 THEN
        RAISE EXCEPTION 'ledger transaction % does not sum to zero', NEW.tx_id;
    END IF;
    RETURN NULL;
END
$$ LANGUAGE plpgsql;
CREATE CONSTRAINT TRIGGER transaction_balances AFTER INSERT ON posting
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION transaction_balances();

CREATE TABLE escrow (
    task_id    TEXT PRIMARY KEY,
    account_id TEXT        NOT NULL REFERENCES account (account_id),
    amount     BIGINT      NOT NULL CHECK (amount > 0),
    status     TEXT        NOT NULL CHECK (status IN ('OPEN', 'RELEASED', 'REFUNDED')),
    created_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX open_escrow_by_account ON escrow (account_id) WHERE status = 'OPEN';

INSERT INTO account (account_id, kind) VALUES ('mint', 'MINT'), ('treasury', 'TREASURY');
