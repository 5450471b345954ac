package io.lode.events.consume;

/** Handling a record failed because a dependency is down: the same record is retried, with backoff. */
public final class TransientFailureException extends RuntimeException {

    public TransientFailureException(Throwable cause) {
        super(cause.getClass().getSimpleName() + ": " + cause.getMessage(), cause);
    }
}
