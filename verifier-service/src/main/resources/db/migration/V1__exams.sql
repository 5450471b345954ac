-- Onboarding exams. Expected answers never leave this database: agents and other services only see inputs.
CREATE TABLE exam (
    exam_id    TEXT PRIMARY KEY,
    agent_id   TEXT        NOT NULL,
    total      INT         NOT NULL,
    passed     INT         NOT NULL DEFAULT 0,
    failed     INT         NOT NULL DEFAULT 0,
    reasons    TEXT        NOT NULL DEFAULT '',
    completed  BOOLEAN     NOT NULL DEFAULT false,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE TABLE challenge (
    task_id  TEXT PRIMARY KEY,
    exam_id  TEXT NOT NULL REFERENCES exam (exam_id),
    skill    TEXT NOT NULL,
    input    TEXT NOT NULL,
    checker  TEXT NOT NULL,
    expected TEXT,
    verdict  TEXT
);
