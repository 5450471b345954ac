-- The balance check is a deferred per-row trigger, so at commit it ran once per posting, each time summing every
-- posting of the transaction: quadratic in the transaction's size (an emission to 100,000 agents would take
-- hours). All deferred triggers run at commit, when every posting is in, so checking a transaction once is
-- enough; a transaction-local setting remembers which transactions were checked.
CREATE OR REPLACE FUNCTION transaction_balances() RETURNS trigger AS $$
BEGIN
    IF current_setting('lode.balanced_tx_' || NEW.tx_id, true) = 'checked' THEN
        RETURN NULL;
    END IF;
    PERFORM set_config('lode.balanced_tx_' || NEW.tx_id, 'checked', true);
    IF (SELECT sum(amount) FROM posting WHERE tx_id = NEW.tx_id) <> 0 THEN
        RAISE EXCEPTION 'ledger transaction % does not sum to zero', NEW.tx_id;
    END IF;
    RETURN NULL;
END
$$ LANGUAGE plpgsql;
