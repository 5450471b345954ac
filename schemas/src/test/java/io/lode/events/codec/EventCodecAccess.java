package io.lode.events.codec;

import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;

/** Test access to the codec's schema lookup. */
public final class EventCodecAccess {

    private EventCodecAccess() {
    }

    @SuppressWarnings("unchecked")
    public static Schema schemaOf(Class<?> type) {
        return EventCodec.schemaOf((Class<? extends SpecificRecord>) type);
    }
}
