-- Honeypots are challenges outside any exam, addressed to one agent.
ALTER TABLE challenge ALTER COLUMN exam_id DROP NOT NULL;
ALTER TABLE challenge ADD COLUMN agent_id TEXT;
UPDATE challenge c SET agent_id = e.agent_id FROM exam e WHERE e.exam_id = c.exam_id;
ALTER TABLE challenge ALTER COLUMN agent_id SET NOT NULL;

-- Declared skills and the challenge family that tests each, for honeypots.
CREATE TABLE agent_skill (
    agent_id TEXT NOT NULL,
    skill    TEXT NOT NULL,
    checker  TEXT NOT NULL,
    PRIMARY KEY (agent_id, skill)
);

-- Consumer tasks seen on lode.tasks: a result for any other task is rejected.
CREATE TABLE consumer_task (
    task_id    TEXT PRIMARY KEY,
    skill      TEXT,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- Beta reputation per agent and skill ('' = the agent as a whole); see ReputationModel.
CREATE TABLE reputation (
    agent_id   TEXT             NOT NULL,
    skill      TEXT             NOT NULL,
    alpha      DOUBLE PRECISION NOT NULL DEFAULT 1,
    beta       DOUBLE PRECISION NOT NULL DEFAULT 1,
    verdicts   BIGINT           NOT NULL DEFAULT 0,
    passes     BIGINT           NOT NULL DEFAULT 0,
    probation  BOOLEAN          NOT NULL DEFAULT true,
    updated_at TIMESTAMPTZ      NOT NULL DEFAULT now(),
    PRIMARY KEY (agent_id, skill)
);

-- The receipt signing key when none is configured: made once, shared by every replica.
CREATE TABLE signing_key (
    id          INT PRIMARY KEY CHECK (id = 1),
    public_key  TEXT NOT NULL,
    private_key TEXT NOT NULL
);
