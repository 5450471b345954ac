-- The Ed25519 key a consumer proved to hold when opening the account (optional): the reward service gives no
-- emission for work this key's own agent does for the account.
ALTER TABLE api_account ADD COLUMN owner_key TEXT;
