-- The W3C trace context (traceparent) an event was written in, so the relay can send it in the record's headers
-- and its consumers continue the same trace; null when nothing was being traced.
ALTER TABLE outbox ADD COLUMN trace_parent TEXT;
