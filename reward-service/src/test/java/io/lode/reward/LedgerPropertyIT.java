package io.lode.reward;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;

import javax.sql.DataSource;

import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;

import io.lode.events.Envelopes;
import io.lode.events.accounts.AccountOpened;
import io.lode.events.tasks.TaskCanceled;
import io.lode.events.tasks.TaskCompleted;
import io.lode.events.tasks.TaskFailed;
import io.lode.events.tasks.TaskKind;
import io.lode.events.tasks.TaskSubmitted;
import io.lode.events.verdicts.ResultVerdict;
import io.lode.events.verdicts.Verdict;
import io.lode.reward.epoch.EpochCloser;
import io.lode.reward.escrow.RewardEventHandler;
import io.lode.testsupport.infra.LodeServiceTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;

/**
 * Random histories of account openings, submits (redundancy 1–3), verdicts, completions, failures, cancels, epoch
 * closes (with emission and vesting) and duplicate deliveries, applied by the service's own event handler and
 * epoch closer to its real PostgreSQL ledger. After every step: the postings balance, the supply equals what was
 * deposited plus what epochs minted, no balance but the mint's is negative, every escrow holds exactly what its
 * row says (nothing once closed) and every ended task's escrow is closed, and a redelivered event changes nothing.
 * Seeded: a failure names the seed that reproduces it.
 */
@QuarkusTest
@TestProfile(LedgerPropertyIT.ManualEpochs.class)
@QuarkusTestResource(value = LodeServiceTestResource.class, initArgs = @ResourceArg(name = "database", value = "reward"))
class LedgerPropertyIT {

    private static final int HISTORIES = 25;
    private static final int STEPS = 40;

    @Inject
    RewardEventHandler handler;

    @Inject
    EpochCloser closer;

    @Inject
    DataSource dataSource;

    @Test
    void theLedgerKeepsItsInvariantsThroughRandomHistoriesWithEpochCloses() throws SQLException {
        for (long seed = 0; seed < HISTORIES; seed++) {
            run(new Random(seed), "h" + seed + "_" + UUID.randomUUID().toString().substring(0, 8));
        }
    }

    private void run(Random random, String run) throws SQLException {
        List<SpecificRecord> delivered = new ArrayList<>();
        Map<String, Long> maxPrices = new HashMap<>();
        Set<String> ended = new HashSet<>();
        Map<String, List<ResultVerdict>> passed = new HashMap<>();
        for (int step = 0; step < STEPS; step++) {
            int pick = random.nextInt(20);
            String task = run + "_tsk_" + random.nextInt(5);
            SpecificRecord event;
            if (pick < 3) {
                event = opened(run + "_acc_" + random.nextInt(3), random.nextInt(10_001));
            } else if (pick < 7) {
                event = maxPrices.containsKey(task) || ended.contains(task) ? null : submitted(task, run + "_acc_" + random.nextInt(4),
                        1 + random.nextInt(3_000), 1 + random.nextInt(3), maxPrices);
            } else if (pick < 11) {
                ResultVerdict verdict = maxPrices.containsKey(task) ? verdict(task, run + "_agt_" + random.nextInt(3),
                        random.nextInt(4) > 0, maxPrices.get(task) * random.nextInt(101) / 100) : null;
                if (verdict != null && verdict.getVerdict() == Verdict.PASS) {
                    passed.computeIfAbsent(task, t -> new ArrayList<>()).add(verdict);
                }
                event = verdict;
            } else if (pick < 14) {
                ended.add(task);
                event = switch (random.nextInt(3)) {
                    case 0 -> LedgerScenario.completed(task, passed.getOrDefault(task, List.of())
                            .toArray(ResultVerdict[]::new));
                    case 1 -> TaskFailed.newBuilder().setEnvelope(envelope(task)).setTaskId(task).setReason("t").build();
                    default -> TaskCanceled.newBuilder().setEnvelope(envelope(task)).setTaskId(task).build();
                };
            } else if (pick < 16) {
                closer.close();
                event = null;
            } else {
                event = delivered.isEmpty() ? null : delivered.get(random.nextInt(delivered.size()));
                if (event != null) {
                    Map<String, Long> before = balances();
                    handler.handle(event);
                    assertThat(balances()).as("%s: a redelivered event changes nothing", run).isEqualTo(before);
                    event = null;
                }
            }
            if (event != null) {
                handler.handle(event);
                delivered.add(event);
            }
            assertInvariants(run, ended);
        }
    }

    private void assertInvariants(String run, Set<String> ended) throws SQLException {
        Map<String, Long> balances = balances();
        assertThat(balances.values().stream().mapToLong(Long::longValue).sum()).as(run + ": postings balance")
                .isZero();
        assertThat(-balances.get("mint")).as(run + ": supply = deposited + minted")
                .isEqualTo(single("SELECT COALESCE(sum(p.amount), 0) FROM posting p JOIN ledger_transaction t "
                        + "ON t.tx_id = p.tx_id WHERE t.kind = 'DEPOSIT' AND p.account_id <> 'mint'")
                        + single("SELECT COALESCE(sum(emission), 0) FROM epoch"));
        balances.forEach((account, balance) -> {
            if (!account.equals("mint")) {
                assertThat(balance).as(run + ": " + account).isNotNegative();
            }
        });
        try (Connection connection = dataSource.getConnection(); Statement select = connection.createStatement();
             ResultSet rows = select.executeQuery("SELECT e.task_id, e.status, e.amount, a.balance FROM escrow e "
                     + "JOIN account a ON a.account_id = 'escrow:' || e.task_id WHERE e.task_id LIKE '" + run + "%'")) {
            while (rows.next()) {
                String task = rows.getString(1);
                boolean open = rows.getString(2).equals("OPEN");
                assertThat(rows.getLong(4)).as(run + ": escrow of " + task).isEqualTo(open ? rows.getLong(3) : 0);
                if (ended.contains(task)) {
                    assertThat(open).as(run + ": the escrow of ended task " + task + " is closed").isFalse();
                }
            }
        }
    }

    private Map<String, Long> balances() throws SQLException {
        Map<String, Long> balances = new HashMap<>();
        try (Connection connection = dataSource.getConnection(); Statement select = connection.createStatement();
             ResultSet rows = select.executeQuery("SELECT account_id, balance FROM account")) {
            while (rows.next()) {
                balances.put(rows.getString(1), rows.getLong(2));
            }
        }
        return balances;
    }

    private long single(String sql) throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement select = connection.createStatement();
             ResultSet rows = select.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private static AccountOpened opened(String account, long credits) {
        return AccountOpened.newBuilder().setEnvelope(envelope(account)).setAccountId(account)
                .setStartingCredits(credits).build();
    }

    private static TaskSubmitted submitted(String task, String account, long maxPrice, int redundancy,
                                           Map<String, Long> maxPrices) {
        maxPrices.put(task, maxPrice);
        return TaskSubmitted.newBuilder().setEnvelope(envelope(task)).setTaskId(task).setKind(TaskKind.CONSUMER)
                .setAccountId(account).setInput("q").setMaxPrice(maxPrice).setRedundancy(redundancy)
                .setDeadlineAt(Instant.parse("2026-01-01T00:00:00Z").truncatedTo(ChronoUnit.MICROS)).build();
    }

    private static ResultVerdict verdict(String task, String agent, boolean pass, long price) {
        return TestVerifier.SIGNER.sign(ResultVerdict.newBuilder().setEnvelope(envelope(task)).setTaskId(task)
                .setKind(TaskKind.CONSUMER).setAgentId(agent).setPrice(price).setVerdict(pass ? Verdict.PASS
                        : Verdict.FAIL).setScore(pass ? 1 : 0).setMethod("test").build(), Instant.now());
    }

    private static io.lode.events.Envelope envelope(String key) {
        return Envelopes.next("property-test", key, null);
    }

    /** Emission on and vesting after one epoch; epochs close only when the test closes them. */
    public static class ManualEpochs implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("lode.reward.emission-per-epoch", "1000000", "lode.reward.vesting-epochs", "1",
                    "lode.reward.epoch-length", "1h");
        }
    }
}
