package io.lode.events.codec;

import org.apache.kafka.common.errors.SerializationException;

/**
 * Bytes that are not a Lode event this build can read: wrong marker, unknown schema fingerprint, or a body
 * that does not match its schema. Consumers route such records to their dead-letter topic and go on.
 */
public class UndecodableEventException extends SerializationException {

    public UndecodableEventException(String message) {
        super(message);
    }

    public UndecodableEventException(String message, Throwable cause) {
        super(message, cause);
    }
}
