package io.lode.reward.ledger;

import java.sql.SQLException;

/** The domain's store interfaces do not throw SQLException; the JDBC stores turn it into an unchecked failure. */
public final class Sql {

    public interface Query<T> {
        T run() throws SQLException;
    }

    public interface Update {
        void run() throws SQLException;
    }

    private Sql() {
    }

    public static <T> T query(Query<T> work) {
        try {
            return work.run();
        } catch (SQLException e) {
            throw new IllegalStateException("ledger storage failed: " + e.getMessage(), e);
        }
    }

    public static void update(Update work) {
        query(() -> {
            work.run();
            return null;
        });
    }
}
