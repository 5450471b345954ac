package io.lode.events.consume;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.Set;

import org.apache.kafka.common.errors.RetriableException;

/**
 * Why handling a consumed record failed, and so what to do with it. A <em>transient</em> failure is one of a
 * dependency — the database or the broker unreachable, a serialization conflict, a pool out of connections — and
 * the same record will succeed once it is back: retry it, for as long as it takes. Anything else failed because of
 * the record itself (it does not decode, it is invalid, or it meets a bug) and will fail again: retrying it only
 * blocks every tenant's records behind it on the partition, so it goes to the dead-letter topic at once.
 */
public final class RecordFailures {

    /** SQLSTATE classes and codes of PostgreSQL that say the server, not the statement, failed. */
    private static final Set<String> TRANSIENT_SQL_CLASSES = Set.of("08", "53", "57");
    private static final Set<String> TRANSIENT_SQL_STATES = Set.of("40001", "40P01", "55P03");

    private RecordFailures() {
    }

    /** True if some cause in the chain is a failure of a dependency that retrying can outlast. */
    public static boolean isTransient(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof TransientFailureException || cause instanceof RetriableException
                    || cause instanceof SQLTransientException || cause instanceof SQLRecoverableException
                    || cause instanceof ConnectException || cause instanceof NoRouteToHostException) {
                return true;
            }
            if (cause instanceof SQLException sql && transientSql(sql)) {
                return true;
            }
        }
        return false;
    }

    private static boolean transientSql(SQLException sql) {
        String state = sql.getSQLState();
        if (state == null) {
            // Agroal reports an exhausted pool without a SQLSTATE
            return sql.getMessage() != null && sql.getMessage().contains("acquisition timeout");
        }
        return TRANSIENT_SQL_STATES.contains(state) || state.length() >= 2
                && TRANSIENT_SQL_CLASSES.contains(state.substring(0, 2));
    }

    /** The failure as what the consumer's retry policy acts on: retried if transient, dead-lettered if not. */
    public static RuntimeException classify(Throwable failure) {
        if (failure instanceof TransientFailureException || failure instanceof PoisonRecordException) {
            return (RuntimeException) failure;
        }
        return isTransient(failure) ? new TransientFailureException(failure) : new PoisonRecordException(failure);
    }
}
