package io.lode.reward.audit;

import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;

import io.lode.events.Envelope;
import io.lode.events.Envelopes;

/** An event as read from the log, with the place it was read from. */
public record LoggedEvent(String topic, int partition, long offset, SpecificRecord event) {

    public Envelope envelope() {
        return Envelopes.of(event);
    }

    /** topic/partition@offset, how a difference names its place. */
    public String where() {
        return topic + "/" + partition + "@" + offset;
    }

    /** The event's type and fields without its envelope: two events that say the same thing have equal contents. */
    public static String content(SpecificRecord event) {
        StringBuilder text = new StringBuilder(event.getSchema().getName()).append('{');
        String separator = "";
        for (Schema.Field field : event.getSchema().getFields()) {
            if (!field.name().equals("envelope")) {
                text.append(separator).append(field.name()).append('=').append(event.get(field.pos()));
                separator = ", ";
            }
        }
        return text.append('}').toString();
    }
}
