-- The skill each of an agent's vectors belongs to (one id per vector, newline-separated): routing names the
-- matched skill. Existing rows have card vectors only, one per routable skill in order; they are filled in by the
-- agent's next registration or update event.
ALTER TABLE agent_view ADD COLUMN vector_skills TEXT NOT NULL DEFAULT '';
-- Why the attempt's agent was chosen (matched skill, similarity, the parts of the score, exploration), as JSON.
ALTER TABLE task_attempt ADD COLUMN routing TEXT;
