package io.lode.reward.epoch;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.lode.events.Envelopes;
import io.lode.events.epochs.EpochClosed;
import io.lode.events.ledger.RewardAccrued;
import io.lode.events.ledger.RewardVested;
import io.lode.events.merkle.BalanceTree;
import io.lode.events.merkle.EpochChain;
import io.lode.reward.escrow.EscrowSaga;
import io.lode.reward.escrow.Settlement;
import io.lode.reward.ledger.Accounts;

/**
 * Closing an epoch, as plain Java over an {@link EpochStore}: mint the emission into unvested accounts (split by
 * verified value), vest what accrued {@code vestingEpochs} ago, then snapshot every balance into a Merkle root
 * chained to the previous epoch's hash. The service runs it over PostgreSQL; the audit replay runs it again over
 * the event log and must reach the same EpochClosed.
 */
public final class EpochClose {

    /**
     * The settings that decide an epoch's money; the service reports them at {@code /v1/epochs/parameters}.
     * {@code rewardPerFeeBasisPoints} is below 10,000 so that paying oneself always costs more than it earns
     * ({@link EmissionSplit}).
     */
    public record Parameters(long emissionPerEpoch, int vestingEpochs, long consumerCapBasisPoints,
                             long protocolFeeBasisPoints, long rewardPerFeeBasisPoints) {

        public Parameters {
            if (emissionPerEpoch < 0 || vestingEpochs < 0 || consumerCapBasisPoints <= 0
                    || consumerCapBasisPoints > 10_000 || protocolFeeBasisPoints < 0 || protocolFeeBasisPoints > 10_000
                    || rewardPerFeeBasisPoints < 0 || rewardPerFeeBasisPoints >= 10_000) {
                throw new IllegalArgumentException("epoch parameters out of range: emission and vesting >= 0, consumer"
                        + " cap 1..10000 bp, protocol fee 0..10000 bp, reward per fee 0..9999 bp; got " + emissionPerEpoch
                        + ", " + vestingEpochs + ", " + consumerCapBasisPoints + ", " + protocolFeeBasisPoints + ", "
                        + rewardPerFeeBasisPoints);
            }
        }
    }

    private final Parameters parameters;
    private final Settlement settlement;

    public EpochClose(Parameters parameters) {
        this.parameters = parameters;
        this.settlement = new Settlement(parameters.protocolFeeBasisPoints());
    }

    /** Closes the epoch after the store's latest at {@code closedAt}; returns the published event. */
    public EpochClosed close(EpochStore store, Instant closedAt) {
        EpochStore.Head previous = store.latest().orElse(null);
        long number = previous == null ? 1 : previous.epoch() + 1;
        long feesSettled = store.feesSettledSinceLatest();
        long emission = mintEmission(store, number, store.verifiedWorkSinceLatest());
        vestMatured(store, number);
        BalanceTree tree = new BalanceTree(store.balances());
        EpochClosed event = EpochClosed.newBuilder()
                .setEnvelope(Envelopes.next(EscrowSaga.PRODUCER, Long.toString(number), null))
                .setEpoch(number).setStartedAt(previous == null ? closedAt : previous.closedAt()).setClosedAt(closedAt)
                .setEmission(emission).setFeesSettled(feesSettled).setAccounts(tree.size())
                .setMerkleRoot(tree.rootHex())
                .setPreviousHash(previous == null ? EpochChain.GENESIS : previous.hash()).build();
        store.closed(event, EpochChain.hash(event));
        store.emit(Long.toString(number), event);
        return event;
    }

    /**
     * Emission pays for work only, and no agent more than its fee backing: an epoch without verified work mints
     * nothing, and what the bounds leave unclaimed is not minted. Returns what was minted.
     */
    private long mintEmission(EpochStore store, long epoch, List<EmissionSplit.Work> work) {
        EmissionSplit.Split split = EmissionSplit.split(Math.max(0, parameters.emissionPerEpoch()), work,
                parameters.consumerCapBasisPoints(), parameters.rewardPerFeeBasisPoints());
        if (split.rewards().isEmpty()) {
            return 0;
        }
        for (String agent : split.rewards().keySet()) {
            store.ensureAccount(Accounts.unvestedOf(agent), Accounts.Kind.UNVESTED);
        }
        store.record(eventId("emission", epoch), settlement.emission(epoch, split.rewards(), split.dust()));
        store.accrue(epoch, split.rewards());
        for (Map.Entry<String, Long> reward : split.rewards().entrySet()) {
            store.emit(reward.getKey(), RewardAccrued.newBuilder()
                    .setEnvelope(Envelopes.next(EscrowSaga.PRODUCER, reward.getKey(), null))
                    .setAgentId(reward.getKey()).setEpoch(epoch).setAmount(reward.getValue()).build());
        }
        return split.minted();
    }

    private void vestMatured(EpochStore store, long epoch) {
        long accruedIn = epoch - parameters.vestingEpochs();
        if (accruedIn < 1) {
            return;
        }
        Map<String, Long> vested = store.vest(accruedIn, epoch);
        if (vested.isEmpty()) {
            return;
        }
        for (String agent : vested.keySet()) {
            store.ensureAccount(agent, Accounts.Kind.AGENT);
        }
        store.record(eventId("vest", epoch), settlement.vesting(epoch, vested));
        for (Map.Entry<String, Long> reward : vested.entrySet()) {
            store.emit(reward.getKey(), RewardVested.newBuilder()
                    .setEnvelope(Envelopes.next(EscrowSaga.PRODUCER, reward.getKey(), null))
                    .setAgentId(reward.getKey()).setEpoch(accruedIn).setAmount(reward.getValue()).build());
        }
    }

    /** Ledger transactions of an epoch close get ids derived from the epoch, so a close is recorded once. */
    private static String eventId(String what, long epoch) {
        return UUID.nameUUIDFromBytes((what + ":" + epoch).getBytes(StandardCharsets.UTF_8)).toString();
    }
}
