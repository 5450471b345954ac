-- Each judge's weight, replayed from its golds and reviews whenever one is recorded: a draw reads every
-- candidate's weight, far more often than a judge's standing changes. A judge without a row (its standing
-- predates this table) is replayed on its first draw and stored then.
CREATE TABLE judge_weight (
    judge_id   TEXT PRIMARY KEY,
    weight     DOUBLE PRECISION NOT NULL,
    updated_at TIMESTAMPTZ      NOT NULL DEFAULT now()
);
