-- The web console's sign-ins: a browser holds a random session token in an HttpOnly cookie; only its SHA-256 is
-- stored, with the hash of the API key it was opened with, so that rotating or revoking that key ends the session.
-- csrf_token is echoed by the console's pages in every state-changing request (X-CSRF-Token).
CREATE TABLE console_session (
    token_hash   TEXT PRIMARY KEY,
    account_id   TEXT        NOT NULL,
    key_hash     TEXT        NOT NULL,
    csrf_token   TEXT        NOT NULL,
    created_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
    expires_at   TIMESTAMPTZ NOT NULL
);
CREATE INDEX console_session_by_expiry ON console_session (expires_at);
CREATE INDEX console_session_by_account ON console_session (account_id, created_at DESC);

-- A conversation's title (its first message, cut), for the console's history list.
ALTER TABLE a2a_context_task ADD COLUMN title TEXT;
