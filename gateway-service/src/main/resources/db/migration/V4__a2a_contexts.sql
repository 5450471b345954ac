-- The A2A conversation (contextId) each task submitted through the gateway's A2A or MCP endpoint belongs to: the
-- orchestrator knows tasks, the gateway knows which of an account's tasks a caller grouped together.
CREATE TABLE a2a_context_task (
    task_id    TEXT PRIMARY KEY,
    account_id TEXT        NOT NULL,
    context_id TEXT        NOT NULL,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX a2a_context_task_by_context ON a2a_context_task (account_id, context_id, created_at DESC, task_id DESC);
