-- GET /v1/tasks: an account's own tasks, newest first, by keyset (created_at, task_id).
CREATE INDEX task_by_account ON task (account_id, created_at DESC, task_id DESC) WHERE parent_task_id IS NULL;
