-- The network's recent consumer tasks, for GET /v1/tasks/activity (the console's network view).
CREATE INDEX task_consumer_by_created ON task (created_at) WHERE kind = 'CONSUMER' AND parent_task_id IS NULL;
