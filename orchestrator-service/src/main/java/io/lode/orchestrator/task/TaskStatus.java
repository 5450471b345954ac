package io.lode.orchestrator.task;

import java.util.EnumSet;
import java.util.Set;

/**
 * The durable states of a task; every task ends in one of the terminal ones. HELD: answered, with work only a panel
 * can judge — the answer stands and its fee is held until a panel passes it or the hold ends undisputed.
 */
public enum TaskStatus {
    SUBMITTED, ESCROWED, DISPATCHED, RESULT_RECEIVED, HELD, COMPLETED, FAILED, CANCELED, EXPIRED;

    public static final Set<TaskStatus> TERMINAL = EnumSet.of(COMPLETED, FAILED, CANCELED, EXPIRED);

    public boolean isTerminal() {
        return TERMINAL.contains(this);
    }

    /** True once the consumer can see an answer (or knows there will be none). */
    public boolean hasResult() {
        return this == RESULT_RECEIVED || this == HELD || isTerminal();
    }

    /** True once the task is decided for its consumer: ended, or answered and held (optimistic payment). */
    public boolean isDecided() {
        return this == HELD || isTerminal();
    }
}
