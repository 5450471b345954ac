-- The agent whose key opened a consumer account (AccountOpened.ownerKey): its work for that account is
-- self-dealing and earns no emission.
ALTER TABLE account ADD COLUMN owner_agent_id TEXT;
