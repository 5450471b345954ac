-- Routing inputs beyond the card: skill vectors from the registry's events, reputation from the verifier's
-- ReputationChanged (0.5 until the first), and the agent's recent latency (EWMA of successful calls).
ALTER TABLE agent_view ADD COLUMN skill_vectors BYTEA NOT NULL DEFAULT ''::bytea;
ALTER TABLE agent_view ADD COLUMN reputation DOUBLE PRECISION NOT NULL DEFAULT 0.5;
ALTER TABLE agent_view ADD COLUMN verdicts BIGINT NOT NULL DEFAULT 0;
ALTER TABLE agent_view ADD COLUMN latency_ms DOUBLE PRECISION;

-- Every call of a task to an agent, so a retry goes to an agent not tried yet and the consumer sees each try.
ALTER TABLE task ADD COLUMN attempt INT NOT NULL DEFAULT 0;
CREATE TABLE task_attempt (
    task_id        TEXT        NOT NULL REFERENCES task (task_id),
    attempt        INT         NOT NULL,
    agent_id       TEXT        NOT NULL,
    outcome        TEXT,
    error          TEXT,
    latency_micros BIGINT,
    started_at     TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (task_id, attempt)
);
