CREATE TABLE task (
    task_id          TEXT PRIMARY KEY,
    kind             TEXT        NOT NULL CHECK (kind IN ('CONSUMER', 'CHALLENGE')),
    account_id       TEXT,
    input            TEXT        NOT NULL,
    skill            TEXT,
    max_price        BIGINT      NOT NULL,
    redundancy       INT         NOT NULL,
    deadline_at      TIMESTAMPTZ NOT NULL,
    pinned_agent_id  TEXT,
    status           TEXT        NOT NULL,
    agent_id         TEXT,
    price            BIGINT,
    endpoint         TEXT,
    protocol_version TEXT,
    output           TEXT,
    media_type       TEXT,
    latency_micros   BIGINT,
    verdict          TEXT,
    verdict_method   TEXT,
    verdict_score    DOUBLE PRECISION,
    verdict_evidence TEXT,
    fee_charged      BIGINT,
    paid_to_agent    BIGINT,
    protocol_fee     BIGINT,
    refunded         BIGINT,
    reason           TEXT,
    created_at       TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at       TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX task_open_by_deadline ON task (deadline_at)
    WHERE status IN ('SUBMITTED', 'ESCROWED', 'DISPATCHED', 'RESULT_RECEIVED');

-- Local read model of lode.agents: routing never calls the registry synchronously.
CREATE TABLE agent_view (
    agent_id         TEXT PRIMARY KEY,
    endpoint         TEXT   NOT NULL,
    protocol_version TEXT   NOT NULL,
    price            BIGINT NOT NULL,
    status           TEXT   NOT NULL,
    skills           TEXT   NOT NULL
);
