package io.lode.events.consume;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

import org.apache.kafka.common.errors.NotLeaderOrFollowerException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import io.lode.events.codec.UndecodableEventException;

class RecordFailuresTest {

    static Object[][] transientFailures() {
        return new Object[][] {
            {new SQLException("connection refused", "08001")},
            {new SQLException("terminating connection due to administrator command", "57P01")},
            {new SQLException("could not serialize access", "40001")},
            {new SQLException("deadlock detected", "40P01")},
            {new SQLException("too many connections", "53300")},
            {new SQLException("Sorry, acquisition timeout!")},
            {new SQLTransientConnectionException("pool closed")},
            {new NotLeaderOrFollowerException("moved")},
            {new IllegalStateException("wrapped", new RuntimeException(new ConnectException("verifier down")))},
        };
    }

    static Object[][] poison() {
        return new Object[][] {
            {new UndecodableEventException("no schema with fingerprint 0x00")},
            {new IllegalArgumentException("maxPrice must be positive")},
            {new ArithmeticException("long overflow")},
            {new NullPointerException()},
            {new SQLException("invalid byte sequence for encoding UTF8: 0x00", "22021")},
            {new SQLException("duplicate key value violates unique constraint", "23505")},
            {new RecordTooLargeException("too large")},
        };
    }

    @ParameterizedTest
    @MethodSource("transientFailures")
    void aDependencyThatIsDownIsRetried(Exception failure) {
        assertThat(RecordFailures.isTransient(failure)).isTrue();
        assertThat(RecordFailures.classify(failure)).isInstanceOf(TransientFailureException.class).hasCause(failure);
    }

    @ParameterizedTest
    @MethodSource("poison")
    void aRecordThatFailsOnItsOwnIsDeadLetteredWithItsCause(Exception failure) {
        assertThat(RecordFailures.isTransient(failure)).isFalse();
        RuntimeException classified = RecordFailures.classify(failure);
        assertThat(classified).isInstanceOf(PoisonRecordException.class).hasCause(failure)
                .hasMessageStartingWith(failure.getClass().getSimpleName());
    }
}
