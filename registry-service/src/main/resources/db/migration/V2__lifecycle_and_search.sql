-- Skill embeddings (all-MiniLM-L6-v2, one float32 little-endian vector per skill, in skill order), so a renewal
-- can announce them again without recomputing.
ALTER TABLE agent ADD COLUMN skill_vectors BYTEA NOT NULL DEFAULT ''::bytea;
-- The status an EXPIRED agent returns to when it renews.
ALTER TABLE agent ADD COLUMN status_before_expiry TEXT;
CREATE INDEX agent_by_expiry ON agent (expires_at) WHERE status IN ('PENDING', 'ACTIVE', 'SUSPENDED');
CREATE INDEX used_nonce_by_expiry ON used_nonce (expires_at);
