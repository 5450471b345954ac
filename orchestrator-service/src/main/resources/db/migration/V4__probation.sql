-- The verifier says when an agent leaves probation (ReputationChanged.probation); until then its traffic is capped.
ALTER TABLE agent_view ADD COLUMN probation BOOLEAN NOT NULL DEFAULT true;
