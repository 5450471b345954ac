-- Judges are agents (a skill tagged lode:review); what the verifier keeps to draw panels, audit judges and decide.

-- A gold review's request is sent as a data part with its text.
ALTER TABLE challenge ADD COLUMN data TEXT;

-- The declared skill as the card says it: a review request names it, and judges are matched to it by its tags.
ALTER TABLE agent_skill ADD COLUMN name TEXT NOT NULL DEFAULT '';
ALTER TABLE agent_skill ADD COLUMN description TEXT NOT NULL DEFAULT '';
ALTER TABLE agent_skill ADD COLUMN tags TEXT[] NOT NULL DEFAULT '{}';
ALTER TABLE agent_skill ADD COLUMN examples TEXT[] NOT NULL DEFAULT '{}';

-- Where each agent is called (panels never seat a judge on the worker's host and port) and its status (only
-- ACTIVE judges are drawn).
CREATE TABLE agent_card (
    agent_id TEXT PRIMARY KEY,
    endpoint TEXT NOT NULL,
    status   TEXT NOT NULL DEFAULT 'PENDING'
);

-- Each judge's gold results and its real reviews' distances from their panel's median, newest last: its
-- standing (JudgeStanding) is these rows replayed.
CREATE TABLE judge_gold (
    id       BIGSERIAL PRIMARY KEY,
    judge_id TEXT    NOT NULL,
    kind     TEXT    NOT NULL,
    correct  BOOLEAN NOT NULL,
    at       TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX judge_gold_by_judge ON judge_gold (judge_id, id);
CREATE TABLE judge_review (
    id       BIGSERIAL PRIMARY KEY,
    judge_id TEXT             NOT NULL,
    distance DOUBLE PRECISION NOT NULL,
    at       TIMESTAMPTZ      NOT NULL DEFAULT now()
);
CREATE INDEX judge_review_by_judge ON judge_review (judge_id, id);

-- A result under review: the held AgentResultReceived, the draw's seed, and whether the two extra judges were
-- called; decided once its verdict is out.
CREATE TABLE panel (
    task_id    TEXT PRIMARY KEY,
    agent_id   TEXT    NOT NULL,
    skill      TEXT,
    event      BYTEA   NOT NULL,
    seed       BIGINT  NOT NULL,
    escalated  BOOLEAN NOT NULL DEFAULT false,
    decided    BOOLEAN NOT NULL DEFAULT false,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- One judge's seat on a panel: the review task sent to it, the weight it had when drawn, and its score once read
-- (answered without a score: it timed out, failed or sent nothing readable).
CREATE TABLE review (
    task_id       TEXT PRIMARY KEY,
    panel_task_id TEXT             NOT NULL REFERENCES panel (task_id),
    judge_id      TEXT             NOT NULL,
    weight        DOUBLE PRECISION NOT NULL,
    score         DOUBLE PRECISION,
    reason        TEXT,
    answered      BOOLEAN          NOT NULL DEFAULT false,
    sent_at       TIMESTAMPTZ      NOT NULL DEFAULT now()
);
CREATE INDEX review_by_panel ON review (panel_task_id);
CREATE INDEX review_unanswered ON review (sent_at) WHERE NOT answered;

-- Answers a panel passed with one voice (every score >= 0.8, median >= 0.9): what gold reviews of that skill
-- are made from (the answer itself, and its corruptions).
CREATE TABLE gold_source (
    task_id     TEXT PRIMARY KEY,
    skill       TEXT   NOT NULL,
    name        TEXT   NOT NULL,
    description TEXT   NOT NULL,
    tags        TEXT[] NOT NULL,
    task        TEXT   NOT NULL,
    answer      TEXT   NOT NULL,
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);
