package io.lode.reward.ledger;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What an agent earned, read from the ledger's postings: pay for its own work (RELEASE transactions naming it),
 * judges' fees for reviews of others' work (RELEASE transactions naming another agent), emission minted into its
 * unvested account and what was slashed from it — in total, in each of the latest closed epochs and since the last
 * close (an epoch's emission is minted at its close, so it shows in the epoch whose work it pays for). Amounts
 * in micro-units.
 */
public final class Earnings {

    /** What an agent earned in a period; {@code slashed} is what fraud cost it (a positive number). */
    public record Period(long work, long tasksPaid, long reviews, long reviewsPaid, long emission, long slashed) {

        static final Period NONE = new Period(0, 0, 0, 0, 0, 0);

        Period plus(String kind, boolean own, long count, long amount) {
            return switch (kind) {
                case "RELEASE" -> own ? new Period(work + amount, tasksPaid + count, reviews, reviewsPaid, emission,
                        slashed) : new Period(work, tasksPaid, reviews + amount, reviewsPaid + count, emission, slashed);
                case "EMISSION" -> new Period(work, tasksPaid, reviews, reviewsPaid, emission + amount, slashed);
                case "SLASH" -> new Period(work, tasksPaid, reviews, reviewsPaid, emission, slashed - amount);
                default -> this;
            };
        }
    }

    public record EpochEarnings(long epoch, Instant closedAt, Period earned) {
    }

    /** {@code unvested}: emission not vested yet (still slashable); {@code current}: since the last epoch closed. */
    public record AgentEarnings(String agentId, Period total, long unvested, Period current,
                                List<EpochEarnings> epochs) {
    }

    private final Connection connection;

    public Earnings(Connection connection) {
        this.connection = connection;
    }

    /** The agent's earnings, with the {@code epochs} latest closed epochs newest first. */
    public AgentEarnings of(String agentId, int epochs) throws SQLException {
        String unvestedAccount = Accounts.unvestedOf(agentId);
        Period total = Period.NONE;
        try (PreparedStatement select = connection.prepareStatement("SELECT t.kind, t.memo = ?, count(*), "
                + "sum(p.amount) FROM posting p JOIN ledger_transaction t ON t.tx_id = p.tx_id "
                + "WHERE p.account_id IN (?, ?) AND t.kind IN ('RELEASE', 'EMISSION', 'SLASH') GROUP BY 1, 2")) {
            select.setString(1, agentId);
            select.setString(2, agentId);
            select.setString(3, unvestedAccount);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    total = total.plus(rows.getString(1), rows.getBoolean(2), rows.getLong(3), rows.getLong(4));
                }
            }
        }
        // each shown epoch is the range of transactions after the previous close up to its own; the open epoch is
        // the range after the last close (epoch NULL)
        Map<Long, EpochEarnings> closed = new LinkedHashMap<>();
        Period current = Period.NONE;
        try (PreparedStatement select = connection.prepareStatement("""
                WITH closed AS (
                    SELECT epoch, closed_at, last_tx_id,
                           lag(last_tx_id, 1, 0::bigint) OVER (ORDER BY epoch) AS after_tx_id
                    FROM epoch),
                ranges AS (
                    (SELECT epoch, closed_at, after_tx_id, last_tx_id FROM closed ORDER BY epoch DESC LIMIT ?)
                    UNION ALL
                    SELECT NULL, NULL, COALESCE((SELECT max(last_tx_id) FROM epoch), 0), 9223372036854775807)
                SELECT r.epoch, r.closed_at, t.kind, t.memo = ?, count(t.tx_id), COALESCE(sum(p.amount), 0)
                FROM ranges r
                LEFT JOIN posting p ON p.account_id IN (?, ?) AND p.tx_id > r.after_tx_id AND p.tx_id <= r.last_tx_id
                LEFT JOIN ledger_transaction t ON t.tx_id = p.tx_id AND t.kind IN ('RELEASE', 'EMISSION', 'SLASH')
                GROUP BY 1, 2, 3, 4
                ORDER BY r.epoch DESC NULLS FIRST""")) {
            select.setInt(1, epochs);
            select.setString(2, agentId);
            select.setString(3, agentId);
            select.setString(4, unvestedAccount);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    long epoch = rows.getLong(1);
                    boolean open = rows.wasNull();
                    String kind = rows.getString(3);
                    if (open) {
                        current = kind == null ? current : current.plus(kind, rows.getBoolean(4), rows.getLong(5),
                                rows.getLong(6));
                        continue;
                    }
                    Instant closedAt = rows.getTimestamp(2).toInstant();
                    EpochEarnings shown = closed.getOrDefault(epoch, new EpochEarnings(epoch, closedAt, Period.NONE));
                    closed.put(epoch, kind == null ? shown : new EpochEarnings(epoch, closedAt,
                            shown.earned().plus(kind, rows.getBoolean(4), rows.getLong(5), rows.getLong(6))));
                }
            }
        }
        long unvested = 0;
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT balance FROM account WHERE account_id = ?")) {
            select.setString(1, unvestedAccount);
            try (ResultSet rows = select.executeQuery()) {
                unvested = rows.next() ? rows.getLong(1) : 0;
            }
        }
        return new AgentEarnings(agentId, total, unvested, current, new ArrayList<>(closed.values()));
    }
}
