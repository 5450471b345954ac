package io.lode.orchestrator.routing;

import java.sql.Connection;
import java.sql.SQLException;

import javax.sql.DataSource;

import io.lode.orchestrator.OrchestratorConfig;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The ACTIVE agents as routing sees them, kept in memory so ranking 10,000 agents reads no rows. The copy is
 * reloaded when this process changed agent_view (after the change commits) or, at most every
 * {@code routing.catalog-check} (250 ms), when agent_view's fingerprint shows another replica did. Latency
 * averages change on every call and do not trigger a reload; they are as fresh as the last one.
 */
@ApplicationScoped
public class AgentCatalog {

    private final DataSource dataSource;
    private final long checkNanos;
    private volatile SkillIndex active;
    private volatile long fingerprint = Long.MIN_VALUE;
    private volatile long checkedAt;
    private volatile boolean stale = true;

    public AgentCatalog(DataSource dataSource, OrchestratorConfig config) {
        this.dataSource = dataSource;
        this.checkNanos = config.routing().catalogCheck().toNanos();
    }

    /** This process changed agent_view; the next reader reloads. */
    public void changed() {
        stale = true;
    }

    /** The ACTIVE agents with their skills' sign codes, for routing. */
    public SkillIndex active() throws SQLException {
        long now = System.nanoTime();
        if (stale || now - checkedAt >= checkNanos) {
            refresh(now);
        }
        return active;
    }

    private synchronized void refresh(long now) throws SQLException {
        if (!stale && now - checkedAt < checkNanos) {
            return; // another thread refreshed meanwhile
        }
        boolean reload = stale;
        stale = false;
        try (Connection connection = dataSource.getConnection()) {
            AgentDirectory directory = new AgentDirectory(connection);
            long current = directory.fingerprint();
            if (reload || current != fingerprint || active == null) {
                active = SkillIndex.of(directory.active());
                fingerprint = current;
            }
        } catch (SQLException | RuntimeException e) {
            stale = true;
            throw e;
        }
        checkedAt = now;
    }
}
