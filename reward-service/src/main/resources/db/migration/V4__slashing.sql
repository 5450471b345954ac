-- Whom an escrow paid, so a later FAIL of that agent's result for the task can be recognised and slashed.
ALTER TABLE escrow ADD COLUMN released_to TEXT;
-- An accrual slashed before it vested never vests; slashed_by is the event (the FAIL verdict) that slashed it.
ALTER TABLE reward_accrual ADD COLUMN slashed_by UUID;
