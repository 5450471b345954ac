-- An agent's overall reputation over time, for its page: one point per hour, the last change within it
-- (ReputationChanged on lode.agents), kept lode.registry.reputation-history (90 days). Kept after the agent
-- deregisters: what it earned its reputation with stays readable.
CREATE TABLE agent_reputation_point (
    agent_id   TEXT             NOT NULL,
    hour       TIMESTAMPTZ      NOT NULL,
    reputation DOUBLE PRECISION NOT NULL,
    verdicts   BIGINT           NOT NULL,
    probation  BOOLEAN          NOT NULL,
    changed_at TIMESTAMPTZ      NOT NULL,
    PRIMARY KEY (agent_id, hour)
);
CREATE INDEX agent_reputation_point_by_hour ON agent_reputation_point (hour);
