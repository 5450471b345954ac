-- A task can complete before the reward service has read the verdicts that pay it (lode.tasks and lode.verdicts are
-- read independently): the agents its completion names but the escrow has not paid yet. The escrow stays open
-- until they are paid, then refunds the rest.
CREATE TABLE escrow_awaited (
    task_id  TEXT NOT NULL REFERENCES escrow (task_id),
    agent_id TEXT NOT NULL,
    PRIMARY KEY (task_id, agent_id)
);
