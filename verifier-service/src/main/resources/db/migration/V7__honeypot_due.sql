-- Honeypots wait here until their time: drawn when a consumer task is dispatched, sent at a random moment within
-- honeypot-max-delay after it, so their arrival says nothing about the consumer call next to it.
CREATE TABLE honeypot_due (
    task_id  TEXT PRIMARY KEY REFERENCES challenge (task_id),
    agent_id TEXT NOT NULL,
    due_at   TIMESTAMPTZ NOT NULL
);
CREATE INDEX honeypot_due_at ON honeypot_due (due_at);
