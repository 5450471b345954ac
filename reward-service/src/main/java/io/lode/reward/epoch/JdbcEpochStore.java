package io.lode.reward.epoch;

import java.sql.Connection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.avro.specific.SpecificRecord;

import io.lode.events.epochs.EpochClosed;
import io.lode.events.outbox.Outbox;
import io.lode.reward.epoch.EpochRepository.Epoch;
import io.lode.reward.ledger.Accounts;
import io.lode.reward.ledger.LedgerRepository;
import io.lode.reward.ledger.LedgerTransaction;
import io.lode.reward.ledger.Sql;

/**
 * The epoch close's store on the closing transaction, which holds the account table in SHARE mode: the work
 * window is the ledger transactions after the latest epoch's last one.
 */
final class JdbcEpochStore implements EpochStore {

    private final Connection connection;
    private final EpochRepository epochs;
    private final LedgerRepository ledger;
    private final Optional<Epoch> latest;

    JdbcEpochStore(Connection connection) {
        this.connection = connection;
        this.epochs = new EpochRepository(connection);
        this.ledger = new LedgerRepository(connection);
        this.latest = Sql.query(epochs::latest);
    }

    private long afterTx() {
        return latest.map(Epoch::lastTxId).orElse(0L);
    }

    @Override
    public Optional<Head> latest() {
        return latest.map(e -> new Head(e.epoch(), e.closedAt(), e.hash()));
    }

    @Override
    public List<EmissionSplit.Work> verifiedWorkSinceLatest() {
        return Sql.query(() -> epochs.verifiedWork(afterTx(), Long.MAX_VALUE));
    }

    @Override
    public long feesSettledSinceLatest() {
        return Sql.query(() -> epochs.feesSettled(afterTx(), Long.MAX_VALUE));
    }

    @Override
    public void ensureAccount(String accountId, Accounts.Kind kind) {
        Sql.update(() -> ledger.ensureAccount(accountId, kind));
    }

    @Override
    public void record(String eventId, LedgerTransaction transaction) {
        Sql.update(() -> ledger.record(eventId, transaction));
    }

    @Override
    public void accrue(long epoch, Map<String, Long> rewards) {
        Sql.update(() -> epochs.accrue(epoch, rewards));
    }

    @Override
    public Map<String, Long> vest(long accruedIn, long epoch) {
        return Sql.query(() -> epochs.vest(accruedIn, epoch));
    }

    @Override
    public Map<String, Long> balances() {
        return Sql.query(epochs::currentBalances);
    }

    @Override
    public void closed(EpochClosed e, String hash) {
        Sql.update(() -> epochs.insert(new Epoch(e.getEpoch(), e.getStartedAt(), e.getClosedAt(), epochs.lastTxId(),
                e.getEmission(), e.getFeesSettled(), e.getAccounts(), e.getMerkleRoot(), e.getPreviousHash(), hash)));
    }

    @Override
    public void emit(String key, SpecificRecord event) {
        Sql.update(() -> Outbox.append(connection, key, event));
    }
}
