-- Consumer accounts opened with an agent's key (AccountOpened.ownerKey): that agent's work for them is self-dealing
-- and earns no reputation, as it earns no emission.
CREATE TABLE account_owner (
    account_id     TEXT PRIMARY KEY,
    owner_agent_id TEXT NOT NULL
);
