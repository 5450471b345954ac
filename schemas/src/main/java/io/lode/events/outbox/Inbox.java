package io.lode.events.outbox;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.UUID;

/**
 * The idempotent-consumer half of the outbox pattern: records an event as processed in the same transaction
 * as its effects, so a redelivered event is recognised and skipped.
 */
public final class Inbox {

    private Inbox() {
    }

    /** True the first time {@code consumer} sees {@code eventId}; false on any redelivery. */
    public static boolean firstDelivery(Connection connection, String consumer, String eventId) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO processed_event (consumer, event_id) VALUES (?, ?) ON CONFLICT DO NOTHING")) {
            insert.setString(1, consumer);
            insert.setObject(2, UUID.fromString(eventId));
            return insert.executeUpdate() == 1;
        }
    }
}
