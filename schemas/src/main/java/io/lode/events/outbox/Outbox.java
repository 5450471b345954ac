package io.lode.events.outbox;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.UUID;

import org.apache.avro.specific.SpecificRecord;

import io.lode.events.Envelopes;
import io.lode.events.Topics;
import io.lode.events.codec.EventCodec;

/**
 * Writes an event into the service's {@code outbox} table on the caller's connection, so the event commits
 * or rolls back with the state change that caused it. {@link OutboxRelay} publishes committed rows.
 */
public final class Outbox {

    private Outbox() {
    }

    /** Appends {@code event}, keyed by {@code key}, to the topic that carries its type. */
    public static void append(Connection connection, String key, SpecificRecord event) throws SQLException {
        String topic = Topics.of(event.getClass()).name();
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO outbox (topic, record_key, event_id, event_type, payload, trace_parent) "
                        + "VALUES (?, ?, ?, ?, ?, ?)")) {
            insert.setString(1, topic);
            insert.setString(2, key);
            insert.setObject(3, UUID.fromString(Envelopes.of(event).getEventId()));
            insert.setString(4, event.getClass().getSimpleName());
            insert.setBytes(5, EventCodec.shared().encode(event));
            insert.setString(6, TraceContext.current());
            insert.executeUpdate();
        }
    }
}
