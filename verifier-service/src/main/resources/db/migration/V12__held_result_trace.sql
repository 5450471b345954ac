-- The trace a held answer belongs to (the traceparent current when it was held), so the verdict at the hold's end
-- continues the task's trace instead of starting one of its own.
ALTER TABLE held_result ADD COLUMN trace_parent TEXT;
