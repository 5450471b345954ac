-- Agents whose card says capabilities.streaming are called with SendStreamingMessage / message/stream; the task
-- keeps how its current attempt was called, as it keeps the endpoint and protocol version.
ALTER TABLE agent_view ADD COLUMN streaming BOOLEAN NOT NULL DEFAULT false;
ALTER TABLE task ADD COLUMN streaming BOOLEAN NOT NULL DEFAULT false;
