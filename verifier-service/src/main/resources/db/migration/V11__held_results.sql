-- Optimistic payment: a single consumer answer only a panel can judge, answered at once with its fee held. HELD
-- until the hold ends (then paid unreviewed) unless sampled or disputed: REVIEWING while a panel sits on it;
-- DECIDED once its verdict is out. The AgentResultReceived is kept to judge it at either end.
CREATE TABLE held_result (
    task_id     TEXT PRIMARY KEY,
    agent_id    TEXT        NOT NULL,
    skill       TEXT,
    event       BYTEA       NOT NULL,
    hold_until  TIMESTAMPTZ NOT NULL,
    state       TEXT        NOT NULL CHECK (state IN ('HELD', 'REVIEWING', 'DECIDED')),
    sampled     BOOLEAN     NOT NULL,
    disputed_at TIMESTAMPTZ,
    dispute     TEXT,
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX held_result_due ON held_result (hold_until) WHERE state = 'HELD';
