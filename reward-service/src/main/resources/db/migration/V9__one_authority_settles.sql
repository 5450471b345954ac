-- The ledger settles a task only from its TaskCompleted, which names every payment with its receipt: it no longer
-- waits for verdicts read from another topic, so the agents a completion was waiting for need no table.
DROP TABLE escrow_awaited;
