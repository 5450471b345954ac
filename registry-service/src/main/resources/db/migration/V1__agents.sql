CREATE TABLE agent (
    agent_id         TEXT PRIMARY KEY,
    public_key       TEXT        NOT NULL,
    name             TEXT        NOT NULL,
    card_url         TEXT        NOT NULL,
    endpoint         TEXT        NOT NULL,
    protocol_version TEXT        NOT NULL,
    price            BIGINT      NOT NULL CHECK (price >= 0),
    status           TEXT        NOT NULL,
    reasons          TEXT        NOT NULL DEFAULT '',
    exam_score       DOUBLE PRECISION,
    skills           TEXT        NOT NULL,
    card             TEXT        NOT NULL,
    card_digest      TEXT        NOT NULL,
    registered_at    TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at       TIMESTAMPTZ NOT NULL DEFAULT now(),
    expires_at       TIMESTAMPTZ NOT NULL
);
CREATE INDEX agent_by_status ON agent (status);

-- Replay protection: a signed request's nonce is accepted once per key until the request expires.
CREATE TABLE used_nonce (
    agent_id   TEXT        NOT NULL,
    nonce      TEXT        NOT NULL,
    expires_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (agent_id, nonce)
);
