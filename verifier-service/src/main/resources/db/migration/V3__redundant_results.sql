-- A redundant task's answers wait here until the orchestrator says all are in (TaskResultsCollected); then
-- each is judged against the others.
ALTER TABLE consumer_task ADD COLUMN redundancy INT NOT NULL DEFAULT 1;
CREATE TABLE pending_result (
    task_id  TEXT  NOT NULL REFERENCES consumer_task (task_id),
    agent_id TEXT  NOT NULL,
    event    BYTEA NOT NULL,
    PRIMARY KEY (task_id, agent_id)
);
