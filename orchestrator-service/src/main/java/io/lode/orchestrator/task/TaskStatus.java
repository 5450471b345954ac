package io.lode.orchestrator.task;

import java.util.EnumSet;
import java.util.Set;

/** The durable states of a task; every task ends in one of the terminal ones. */
public enum TaskStatus {
    SUBMITTED, ESCROWED, DISPATCHED, RESULT_RECEIVED, COMPLETED, FAILED, CANCELED, EXPIRED;

    public static final Set<TaskStatus> TERMINAL = EnumSet.of(COMPLETED, FAILED, CANCELED, EXPIRED);

    public boolean isTerminal() {
        return TERMINAL.contains(this);
    }

    /** True once the consumer can see an answer (or knows there will be none). */
    public boolean hasResult() {
        return this == RESULT_RECEIVED || isTerminal();
    }
}
