-- A task with redundancy k reserves maxPrice · k and may pay up to k agents from one escrow: amount is what the
-- escrow still holds, and every agent it paid is listed (one payment per agent per task).
ALTER TABLE escrow ADD COLUMN redundancy INT NOT NULL DEFAULT 1 CHECK (redundancy BETWEEN 1 AND 5);
CREATE TABLE escrow_payee (
    task_id  TEXT NOT NULL REFERENCES escrow (task_id),
    agent_id TEXT NOT NULL,
    PRIMARY KEY (task_id, agent_id)
);
INSERT INTO escrow_payee (task_id, agent_id) SELECT task_id, released_to FROM escrow WHERE released_to IS NOT NULL;
ALTER TABLE escrow DROP COLUMN released_to;
