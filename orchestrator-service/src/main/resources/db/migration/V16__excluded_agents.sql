-- The agents a consumer asked not to be sent the task (TaskSubmitted.excludedAgentIds): a retry "with another
-- agent". A redundant task's calls inherit them.
ALTER TABLE task ADD COLUMN excluded_agents TEXT[] NOT NULL DEFAULT '{}';
