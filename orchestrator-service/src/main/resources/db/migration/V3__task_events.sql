-- What happened to each task, numbered from 1: the stream GET /v1/tasks/{id}/events serves, resumable from any
-- number. Written in the transaction of the change itself, under the task's row lock.
CREATE TABLE task_event (
    task_id    TEXT        NOT NULL REFERENCES task (task_id),
    seq        INT         NOT NULL,
    type       TEXT        NOT NULL,
    data       TEXT        NOT NULL,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (task_id, seq)
);
