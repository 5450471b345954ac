package io.lode.orchestrator.task;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

import javax.sql.DataSource;

import io.lode.orchestrator.OrchestratorConfig;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Load shedding. A task waits on the network three times: for its escrow (SUBMITTED), its routing (ESCROWED) and
 * its verdict (RESULT_RECEIVED); time with the agent is the agent's. A task that has waited longer than
 * {@code load-shedding.max-queue-delay} is late; when more than {@code load-shedding.max-late-tasks} are, the network
 * is behind, and accepting more would only make every queued task later (offered 100 tasks/s, a network doing 10
 * used to let nine submissions in ten time out). New consumer tasks are then refused with 503 and Retry-After until
 * it catches up. Counting late tasks, not timing the oldest, keeps one stuck task from closing the network; the
 * measure adapts to the network's pace, and rightly refuses while the ledger or the verifier is down. Read from the
 * database at most every {@value #RECHECK_MILLIS} ms, so it counts every replica's tasks.
 */
@ApplicationScoped
public class LoadShedding {

    static final long RECHECK_MILLIS = 250;
    private static final long RECHECK_NANOS = Duration.ofMillis(RECHECK_MILLIS).toNanos();

    private final DataSource dataSource;
    private final Duration maxQueueDelay;
    private final int maxLateTasks;
    private volatile int lateTasks;
    private volatile long checkedAt = System.nanoTime() - RECHECK_NANOS;

    public LoadShedding(DataSource dataSource, OrchestratorConfig config) {
        this.dataSource = dataSource;
        this.maxQueueDelay = config.loadShedding().maxQueueDelay();
        this.maxLateTasks = config.loadShedding().maxLateTasks();
    }

    /** Empty if a new task may come in, else why not. */
    public Optional<String> refusal() throws SQLException {
        long now = System.nanoTime();
        if (now - checkedAt >= RECHECK_NANOS) {
            refresh(now);
        }
        int late = lateTasks;
        return late <= maxLateTasks ? Optional.empty() : Optional.of(String.format(Locale.ROOT,
                "the network is behind: more than %d tasks have waited over %.1f s on it", maxLateTasks,
                maxQueueDelay.toMillis() / 1000.0));
    }

    private synchronized void refresh(long now) throws SQLException {
        if (now - checkedAt < RECHECK_NANOS) {
            return; // another thread read it meanwhile
        }
        // updated_at is when the task entered its state, on the database's clock; the partial index of open tasks
        // and the limit keep this a short scan however far behind the network is.
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement("SELECT count(*) FROM (SELECT 1 FROM task "
                     + "WHERE status IN ('SUBMITTED', 'ESCROWED', 'RESULT_RECEIVED') "
                     + "AND updated_at < clock_timestamp() - ? * interval '1 millisecond' LIMIT ?) late")) {
            select.setLong(1, maxQueueDelay.toMillis());
            select.setInt(2, maxLateTasks + 1);
            try (ResultSet row = select.executeQuery()) {
                row.next();
                lateTasks = row.getInt(1);
            }
        }
        checkedAt = now;
    }
}
