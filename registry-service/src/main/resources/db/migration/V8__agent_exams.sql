-- Which exam each declared skill got and why, from the verifier's ExamCompleted (JSON array of
-- {"skill","exam","reason"}); shown on the agent's page.
ALTER TABLE agent ADD COLUMN exams TEXT NOT NULL DEFAULT '[]';
