-- The card's capabilities.streaming: the orchestrator calls such agents with SendStreamingMessage / message/stream.
ALTER TABLE agent ADD COLUMN streaming BOOLEAN NOT NULL DEFAULT false;
