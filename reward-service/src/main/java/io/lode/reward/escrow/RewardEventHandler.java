package io.lode.reward.escrow;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;

import javax.sql.DataSource;

import org.apache.avro.specific.SpecificRecord;

import io.lode.events.Envelope;
import io.lode.events.Envelopes;
import io.lode.events.accounts.AccountOpened;
import io.lode.events.ledger.Deposited;
import io.lode.events.ledger.EscrowRejected;
import io.lode.events.ledger.FeeEscrowed;
import io.lode.events.ledger.FeeRefunded;
import io.lode.events.ledger.FeeReleased;
import io.lode.events.outbox.Inbox;
import io.lode.events.outbox.Outbox;
import io.lode.events.tasks.TaskCanceled;
import io.lode.events.tasks.TaskFailed;
import io.lode.events.tasks.TaskKind;
import io.lode.events.tasks.TaskSubmitted;
import io.lode.events.verdicts.ResultVerdict;
import io.lode.events.verdicts.Verdict;
import io.lode.reward.ledger.Accounts;
import io.lode.reward.ledger.LedgerRepository;
import io.lode.reward.ledger.LedgerTransaction;
import io.lode.reward.escrow.Settlement.Escrow;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/**
 * Applies one event to the ledger: dedupe by eventId, move money with a balanced transaction, and write
 * the resulting ledger event to the outbox, all in one database transaction.
 */
@ApplicationScoped
public class RewardEventHandler {

    static final String PRODUCER = "reward-service";

    private final DataSource dataSource;
    private final Settlement settlement;

    public RewardEventHandler(DataSource dataSource, RewardConfig config) {
        this.dataSource = dataSource;
        this.settlement = new Settlement(config.protocolFeeBasisPoints());
    }

    @Transactional
    public void handle(SpecificRecord event) {
        Envelope envelope = Envelopes.of(event);
        try (Connection connection = dataSource.getConnection()) {
            if (!Inbox.firstDelivery(connection, PRODUCER, envelope.getEventId())) {
                return;
            }
            LedgerRepository ledger = new LedgerRepository(connection);
            if (event instanceof AccountOpened opened) {
                accountOpened(connection, ledger, opened);
            } else if (event instanceof TaskSubmitted submitted && submitted.getKind() == TaskKind.CONSUMER) {
                taskSubmitted(connection, ledger, submitted);
            } else if (event instanceof ResultVerdict verdict && verdict.getKind() == TaskKind.CONSUMER) {
                verdictReached(connection, ledger, verdict);
            } else if (event instanceof TaskFailed failed) {
                refundIfOpen(connection, ledger, failed.getTaskId(), envelope, "task failed: " + failed.getReason());
            } else if (event instanceof TaskCanceled canceled) {
                refundIfOpen(connection, ledger, canceled.getTaskId(), envelope, "task canceled");
            }
        } catch (SQLException e) {
            throw new IllegalStateException("ledger update failed for " + event.getClass().getSimpleName(), e);
        }
    }

    private void accountOpened(Connection connection, LedgerRepository ledger, AccountOpened opened) throws SQLException {
        ledger.ensureAccount(opened.getAccountId(), Accounts.Kind.CONSUMER);
        if (opened.getStartingCredits() > 0) {
            String reason = "starting credits";
            ledger.record(opened.getEnvelope().getEventId(),
                    settlement.deposit(opened.getAccountId(), opened.getStartingCredits(), reason));
            Outbox.append(connection, opened.getAccountId(), Deposited.newBuilder()
                    .setEnvelope(next(opened.getAccountId(), opened.getEnvelope()))
                    .setAccountId(opened.getAccountId()).setAmount(opened.getStartingCredits()).setReason(reason)
                    .build());
        }
    }

    private void taskSubmitted(Connection connection, LedgerRepository ledger, TaskSubmitted submitted)
            throws SQLException {
        String taskId = submitted.getTaskId();
        String accountId = submitted.getAccountId();
        long amount = Settlement.reserveFor(submitted.getMaxPrice(), submitted.getRedundancy());
        Optional<Long> balance = accountId == null ? Optional.empty() : ledger.lockBalance(accountId);
        if (balance.isEmpty() || balance.get() < amount) {
            String reason = balance.isEmpty() ? "unknown account" : "insufficient funds";
            Log.infof("escrow rejected for task %s: %s", taskId, reason);
            Outbox.append(connection, taskId, EscrowRejected.newBuilder()
                    .setEnvelope(next(taskId, submitted.getEnvelope()))
                    .setTaskId(taskId).setAccountId(accountId == null ? "" : accountId)
                    .setRequested(amount).setAvailable(balance.orElse(0L)).setReason(reason).build());
            return;
        }
        Escrow escrow = new Escrow(taskId, accountId, amount);
        ledger.openEscrow(escrow);
        ledger.record(submitted.getEnvelope().getEventId(), settlement.escrow(taskId, accountId, amount));
        Outbox.append(connection, taskId, FeeEscrowed.newBuilder()
                .setEnvelope(next(taskId, submitted.getEnvelope()))
                .setTaskId(taskId).setAccountId(accountId).setAmount(amount).build());
    }

    private void verdictReached(Connection connection, LedgerRepository ledger, ResultVerdict verdict)
            throws SQLException {
        if (verdict.getVerdict() != Verdict.PASS) {
            refundIfOpen(connection, ledger, verdict.getTaskId(), verdict.getEnvelope(),
                    "result verdict " + verdict.getVerdict() + " (" + verdict.getMethod() + ")");
            return;
        }
        Optional<Escrow> open = ledger.openEscrow(verdict.getTaskId());
        if (open.isEmpty()) {
            Log.warnf("PASS verdict for task %s without an open escrow; nothing to pay", verdict.getTaskId());
            return;
        }
        ledger.ensureAccount(verdict.getAgentId(), Accounts.Kind.AGENT);
        Settlement.Release release = settlement.release(open.get(), verdict.getAgentId(), verdict.getPrice());
        ledger.record(verdict.getEnvelope().getEventId(), release.transaction());
        ledger.closeEscrow(verdict.getTaskId(), "RELEASED");
        Outbox.append(connection, verdict.getTaskId(), FeeReleased.newBuilder()
                .setEnvelope(next(verdict.getTaskId(), verdict.getEnvelope()))
                .setTaskId(verdict.getTaskId()).setAgentId(verdict.getAgentId()).setAccountId(open.get().accountId())
                .setPaidToAgent(release.paidToAgent()).setProtocolFee(release.protocolFee())
                .setRefunded(release.refunded()).build());
    }

    private void refundIfOpen(Connection connection, LedgerRepository ledger, String taskId, Envelope cause,
                              String reason) throws SQLException {
        Optional<Escrow> open = ledger.openEscrow(taskId);
        if (open.isEmpty()) {
            return;
        }
        LedgerTransaction refund = settlement.refund(open.get(), reason);
        ledger.record(cause.getEventId(), refund);
        ledger.closeEscrow(taskId, "REFUNDED");
        Outbox.append(connection, taskId, FeeRefunded.newBuilder()
                .setEnvelope(next(taskId, cause))
                .setTaskId(taskId).setAccountId(open.get().accountId()).setAmount(open.get().amount())
                .setReason(reason).build());
    }

    private static Envelope next(String correlationId, Envelope cause) {
        return Envelopes.next(PRODUCER, correlationId, cause.getEventId());
    }
}
