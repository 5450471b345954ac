-- The verifier's overall reputation of the agent (ReputationChanged on lode.agents), shown on its page; below the
-- floor the agent is SUSPENDED.
ALTER TABLE agent ADD COLUMN reputation DOUBLE PRECISION;
ALTER TABLE agent ADD COLUMN verdicts BIGINT NOT NULL DEFAULT 0;
