package io.lode.events.consume;

/**
 * Handling a record failed because of the record (undecodable, invalid, or a bug on that input): it goes to the
 * service's dead-letter topic at once, the message naming the cause, and the partition moves on.
 */
public final class PoisonRecordException extends RuntimeException {

    public PoisonRecordException(Throwable cause) {
        super(cause.getClass().getSimpleName() + ": " + cause.getMessage(), cause);
    }
}
