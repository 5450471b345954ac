-- A task with redundancy k > 1 goes to k distinct agents: each call lives in a child row (task_id
-- "<parent>.<n>") with the parent's input, account and deadline. Children are internal: events and the
-- consumer's view speak of the parent.
ALTER TABLE task ADD COLUMN parent_task_id TEXT REFERENCES task (task_id);
CREATE INDEX task_children ON task (parent_task_id) WHERE parent_task_id IS NOT NULL;
