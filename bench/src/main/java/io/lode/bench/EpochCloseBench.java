package io.lode.bench;

import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import io.lode.reward.epoch.EpochCloser;
import io.lode.events.epochs.EpochClosed;
import io.lode.reward.escrow.RewardConfig;

/**
 * Closes epochs of N accounts with the reward service's own {@link EpochCloser} on a real PostgreSQL (the
 * embedded binaries the tests use), in one transaction per close as the service runs it: snapshot every balance,
 * build the Merkle tree, store the leaves, publish EpochClosed to the outbox. Between closes every account's
 * balance changes, so each close works on fresh data.
 */
final class EpochCloseBench {

    record Result(int accounts, List<Duration> closes, String lastRoot) {
    }

    Result run(int accounts, int closes) throws Exception {
        try (BenchDatabase database = BenchDatabase.start("reward", "reward-service")) {
            try (Connection connection = database.connect()) {
                connection.setAutoCommit(false);
                seed(connection, accounts);
                EpochCloser closer = new EpochCloser(sharing(connection), config());
                List<Duration> times = new ArrayList<>();
                String lastRoot = null;
                for (int i = 0; i < closes; i++) {
                    deposit(connection, accounts, i + 1);
                    long start = System.nanoTime();
                    EpochClosed epoch = closer.close().orElseThrow();
                    connection.commit();
                    times.add(Duration.ofNanos(System.nanoTime() - start));
                    // the consumers, the mint and the treasury
                    if (epoch.getAccounts() != accounts + 2) {
                        throw new IllegalStateException("epoch " + epoch.getEpoch() + " has " + epoch.getAccounts()
                                + " accounts, not " + (accounts + 2));
                    }
                    lastRoot = epoch.getMerkleRoot();
                }
                return new Result(accounts, times, lastRoot);
            }
        }
    }

    /** The first close runs cold (JIT, database caches); the others show the steady state. */
    static String markdown(Result r) {
        List<Long> millis = r.closes().stream().map(Duration::toMillis).toList();
        List<Long> warm = millis.subList(Math.min(1, millis.size() - 1), millis.size()).stream().sorted().toList();
        return String.format("Epoch close with %,d accounts (snapshot, Merkle root, leaves stored, EpochClosed), "
                        + "%d closes on PostgreSQL 18%n%n| closes | first (cold) ms | warm fastest ms | "
                        + "warm median ms | warm slowest ms |%n|---:|---:|---:|---:|---:|%n| %d | %d | %d | %d | %d |%n",
                r.accounts(), millis.size(), millis.size(), millis.get(0), warm.get(0), warm.get(warm.size() / 2),
                warm.get(warm.size() - 1));
    }

    /** Accounts with balances from one deposit: the mint pays each of them, as the ledger records deposits. */
    private static void seed(Connection connection, int accounts) throws SQLException {
        try (PreparedStatement mint = connection.prepareStatement(
                "INSERT INTO account (account_id, kind) VALUES ('mint', 'MINT') ON CONFLICT DO NOTHING");
             PreparedStatement consumers = connection.prepareStatement("INSERT INTO account (account_id, kind) "
                     + "SELECT 'acc_' || lpad(n::text, 8, '0'), 'CONSUMER' FROM generate_series(1, ?) n")) {
            mint.executeUpdate();
            consumers.setInt(1, accounts);
            consumers.executeUpdate();
        }
        connection.commit();
    }

    /** Every account receives {@code amount} more, in one balanced ledger transaction. */
    private static void deposit(Connection connection, int accounts, long amount) throws SQLException {
        try (PreparedStatement tx = connection.prepareStatement("INSERT INTO ledger_transaction (event_id, kind, memo) "
                + "VALUES (gen_random_uuid(), 'deposit', 'bench') RETURNING tx_id")) {
            long txId;
            try (var rows = tx.executeQuery()) {
                rows.next();
                txId = rows.getLong(1);
            }
            try (PreparedStatement postings = connection.prepareStatement("INSERT INTO posting (tx_id, account_id, "
                    + "amount) SELECT ?, 'acc_' || lpad(n::text, 8, '0'), ? FROM generate_series(1, ?) n "
                    + "UNION ALL SELECT ?, 'mint', ?")) {
                postings.setLong(1, txId);
                postings.setLong(2, amount);
                postings.setInt(3, accounts);
                postings.setLong(4, txId);
                postings.setLong(5, -amount * accounts);
                postings.executeUpdate();
            }
        }
        connection.commit();
    }

    /** Hands the closer the bench's connection (in a transaction the bench commits) instead of a pooled one. */
    private static DataSource sharing(Connection connection) {
        Connection unclosable = (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(),
                new Class<?>[] {Connection.class}, (proxy, method, args) -> method.getName().equals("close") ? null
                        : method.invoke(connection, args));
        return (DataSource) Proxy.newProxyInstance(DataSource.class.getClassLoader(), new Class<?>[] {DataSource.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("getConnection")) {
                        return unclosable;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }

    private static RewardConfig config() {
        return new RewardConfig() {
            @Override
            public long protocolFeeBasisPoints() {
                return 500;
            }

            @Override
            public String verifierKeysUrl() {
                return "http://127.0.0.1:8183/v1/verifier/keys"; // the epoch close reads no receipts
            }

            @Override
            public Duration epochLength() {
                return Duration.ofHours(1);
            }

            @Override
            public long emissionPerEpoch() {
                return 0;
            }

            @Override
            public int vestingEpochs() {
                return 3;
            }

            @Override
            public long consumerCapBasisPoints() {
                return 2_500;
            }

            @Override
            public long rewardPerFeeBasisPoints() {
                return 9_000;
            }

            @Override
            public java.util.Optional<String> adminTokenSha256() {
                return java.util.Optional.empty();
            }

            @Override
            public java.util.Optional<String> auditorTokenSha256() {
                return java.util.Optional.empty();
            }
        };
    }
}
