package io.lode.events;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import org.apache.avro.specific.SpecificRecord;

/** Creates and reads the envelope every event carries. */
public final class Envelopes {

    static {
        TrustedTypes.install();
    }

    private Envelopes() {
    }

    /** A new envelope for an event of {@code correlationId} caused by the event {@code causationId} (or null). */
    public static Envelope next(String producer, String correlationId, String causationId) {
        return Envelope.newBuilder()
                .setEventId(UUID.randomUUID().toString())
                .setOccurredAt(Instant.now().truncatedTo(ChronoUnit.MICROS))
                .setCorrelationId(correlationId)
                .setCausationId(causationId)
                .setProducer(producer)
                .build();
    }

    /** The envelope of any Lode event; every event type has it as its field {@code envelope}. */
    public static Envelope of(SpecificRecord event) {
        int position = event.getSchema().getField("envelope").pos();
        return (Envelope) event.get(position);
    }
}
