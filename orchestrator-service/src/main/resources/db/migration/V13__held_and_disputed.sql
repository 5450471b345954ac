-- Optimistic payment: an answer only a panel can judge is HELD until hold_until (the verifier's ResultHeld); its
-- paying consumer may dispute it until then (disputed_at, once).
ALTER TABLE task ADD COLUMN hold_until TIMESTAMPTZ;
ALTER TABLE task ADD COLUMN disputed_at TIMESTAMPTZ;
