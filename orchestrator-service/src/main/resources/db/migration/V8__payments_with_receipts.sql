-- A redundant task's calls keep the receipt of the verdict that judged them: the task's TaskCompleted names every
-- payment with its receipt, and the ledger pays only what a receipt it can check justifies.
ALTER TABLE task ADD COLUMN verdict_receipt TEXT;
