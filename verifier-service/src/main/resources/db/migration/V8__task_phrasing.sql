-- The instructions of recent consumer tasks per named skill ("Give me the gist of this:", at most 120 characters,
-- the 50 newest per skill): honeypots for that skill borrow them, so they read like the skill's real traffic.
CREATE TABLE task_phrasing (
    skill       TEXT NOT NULL,
    instruction TEXT NOT NULL,
    seen_at     TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (skill, instruction)
);
