-- Emission rewards wait in an agent's unvested account until they vest, so a fraud found meanwhile can be slashed.
ALTER TABLE account DROP CONSTRAINT account_kind_check;
ALTER TABLE account ADD CONSTRAINT account_kind_check
    CHECK (kind IN ('CONSUMER', 'AGENT', 'ESCROW', 'TREASURY', 'MINT', 'UNVESTED'));

CREATE TABLE reward_accrual (
    epoch           BIGINT NOT NULL,
    agent_id        TEXT   NOT NULL,
    amount          BIGINT NOT NULL CHECK (amount > 0),
    vested_in_epoch BIGINT,
    PRIMARY KEY (epoch, agent_id)
);
