package io.lode.verifier.verification;

import java.util.UUID;

import io.lode.events.Envelope;
import io.lode.events.Envelopes;

/** Envelopes and ids of the events this service writes. */
public final class VerifierEvents {

    public static final String PRODUCER = "verifier-service";

    private VerifierEvents() {
    }

    public static Envelope next(String correlationId, Envelope cause) {
        return Envelopes.next(PRODUCER, correlationId, cause == null ? null : cause.getEventId());
    }

    /** The id of a challenge task; shaped like the orchestrator's consumer task ids, so it gives nothing away. */
    public static String newTaskId() {
        return "tsk_" + UUID.randomUUID().toString().replace("-", "");
    }
}
