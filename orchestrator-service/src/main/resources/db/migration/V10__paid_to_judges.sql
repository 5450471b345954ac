-- What the judges of the panel that passed a task's result were paid out of its price (FeeReleased.judges):
-- paid_to_agent + protocol_fee + paid_to_judges = fee_charged.
ALTER TABLE task ADD COLUMN paid_to_judges BIGINT;
