-- Which exam decides a PENDING agent: the event (AgentRegistered or an AgentUpdated that asked for a fresh exam)
-- whose exam counts, and that exam's id once the verifier has requested it. An ExamCompleted of an older exam (taken
-- on an endpoint or skills the agent has since changed) moves nothing.
ALTER TABLE agent ADD COLUMN exam_cause TEXT;
ALTER TABLE agent ADD COLUMN exam_id TEXT;
