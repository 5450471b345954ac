-- The verifier's word on whether the agent is still in probation (ReputationChanged.probation).
ALTER TABLE agent ADD COLUMN probation BOOLEAN NOT NULL DEFAULT true;
