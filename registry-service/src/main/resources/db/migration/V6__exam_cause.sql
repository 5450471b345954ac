-- Which exam decides a PENDING agent: the event (AgentRegistered or an AgentUpdated that asked for a fresh exam)
-- whose exam counts, and that exam's id once the verifier has requested it. An ExamCompleted of an older exam (taken
-- on an endpoint or skills the agent has since changed) moves nothing.
ALTER TABLE agent ADD COLUMN exam_cause TEXT;
ALTER TABLE agent ADD COLUMN exam_id TEXT;
-- The skill vectors the agent's current exam saw: an update is compared with these, not with the last update, so a
-- skill's meaning cannot be walked away in small steps that each stay above the threshold. NULL for agents examined
-- before this column: their current vectors are the baseline.
ALTER TABLE agent ADD COLUMN examined_skill_vectors BYTEA;
