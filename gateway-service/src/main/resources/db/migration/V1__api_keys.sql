-- Consumer accounts and their API keys. Keys are 256-bit random tokens, so a plain SHA-256 is a safe
-- one-way hash; the key itself is shown once, at creation, and never stored.
CREATE TABLE api_account (
    account_id TEXT PRIMARY KEY,
    key_hash   TEXT        NOT NULL UNIQUE,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    revoked_at TIMESTAMPTZ
);
