package io.lode.events.outbox;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * PostgreSQL advisory locks held until the current transaction ends: how replicas of a service agree that only
 * one of them does a job (relaying the outbox, closing an epoch) at a time.
 */
public final class AdvisoryLocks {

    private AdvisoryLocks() {
    }

    /** True if this transaction now holds lock {@code key}; false if another transaction holds it. */
    public static boolean tryForTransaction(Connection connection, long key) throws SQLException {
        try (PreparedStatement lock = connection.prepareStatement("SELECT pg_try_advisory_xact_lock(?)")) {
            lock.setLong(1, key);
            try (ResultSet acquired = lock.executeQuery()) {
                acquired.next();
                return acquired.getBoolean(1);
            }
        }
    }
}
