-- Where an A2A caller wants a task's updates pushed (webhooks): delivered by whichever gateway replica holds the
-- row's lease, retried with backoff, done once the task is decided or the attempts run out.
CREATE TABLE a2a_push_config (
    task_id          TEXT        NOT NULL,
    config_id        TEXT        NOT NULL,
    account_id       TEXT        NOT NULL,
    context_id       TEXT        NOT NULL,
    legacy           BOOLEAN     NOT NULL,
    url              TEXT        NOT NULL,
    token            TEXT,
    auth_scheme      TEXT,
    auth_credentials TEXT,
    delivered_state  TEXT,
    attempts         INT         NOT NULL DEFAULT 0,
    last_error       TEXT,
    next_attempt_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    lease_until      TIMESTAMPTZ,
    finished_at      TIMESTAMPTZ,
    created_at       TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (task_id, config_id)
);
CREATE INDEX a2a_push_config_due ON a2a_push_config (next_attempt_at) WHERE finished_at IS NULL;
