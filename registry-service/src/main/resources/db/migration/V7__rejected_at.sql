-- When the agent's exam last rejected it: it may register again with the same key once rejected-cool-down has
-- passed since (deregistering in between does not reset the clock).
ALTER TABLE agent ADD COLUMN rejected_at TIMESTAMPTZ;
