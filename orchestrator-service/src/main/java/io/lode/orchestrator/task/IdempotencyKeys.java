package io.lode.orchestrator.task;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;

import io.lode.identity.AgentId;
import io.lode.trust.Problems;

/**
 * {@code Idempotency-Key} on task submission: a consumer retrying a POST whose answer it never saw (a timeout, a
 * dropped connection) gets the task the first one made instead of a second task and a second charge. Keys are the
 * account's own (another account's same key is another key) and last {@link #LIFETIME}.
 */
final class IdempotencyKeys {

    static final String HEADER = "Idempotency-Key";
    static final int MAX_LENGTH = 255;
    static final Duration LIFETIME = Duration.ofHours(24);

    private IdempotencyKeys() {
    }

    /** The key if the header has one: 1–255 visible ASCII characters; 400 otherwise. */
    static Optional<String> of(String header) {
        if (header == null) {
            return Optional.empty();
        }
        if (header.isEmpty() || header.length() > MAX_LENGTH || !header.chars().allMatch(c -> c > 0x20 && c < 0x7F)) {
            throw Problems.of(400, "bad-idempotency-key", "Invalid Idempotency-Key",
                    HEADER + " must be 1.." + MAX_LENGTH + " visible ASCII characters (e.g. a UUID)");
        }
        return Optional.of(header);
    }

    /** SHA-256 of the request as sent (fields left out stay left out: a default is not the same body). */
    static String fingerprint(TaskRequest request) {
        StringBuilder canonical = new StringBuilder();
        for (Object field : new Object[] {request.input(), request.skill(), request.maxPrice(), request.redundancy(),
                request.deadlineMs(), request.excludeAgents().isEmpty() ? null
                : String.join(",", new java.util.TreeSet<>(request.excludeAgents()))}) {
            // length-prefixed, so no two different requests join into the same text
            String text = field == null ? "-" : field.toString();
            canonical.append(field == null ? "n" : "v").append(text.length()).append(':').append(text).append('|');
        }
        return AgentId.sha256Hex(canonical.toString().getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Claims {@code key} for {@code taskId} in the submission's transaction. Empty: claimed, make the task. Present:
     * the task an earlier submission with the same key and body made, to answer instead. The same key with another
     * body is 422. A concurrent submission with the same key waits on the row until the first commits, then sees it.
     */
    static Optional<String> claim(Connection connection, String accountId, String key, String fingerprint,
                                  String taskId) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("""
                INSERT INTO task_idempotency (account_id, idempotency_key, fingerprint, task_id)
                VALUES (?, ?, ?, ?)
                ON CONFLICT (account_id, idempotency_key) DO UPDATE
                    SET fingerprint = EXCLUDED.fingerprint, task_id = EXCLUDED.task_id, created_at = now()
                    WHERE task_idempotency.created_at < now() - make_interval(secs => ?)""")) {
            insert.setString(1, accountId);
            insert.setString(2, key);
            insert.setString(3, fingerprint);
            insert.setString(4, taskId);
            insert.setLong(5, LIFETIME.toSeconds());
            if (insert.executeUpdate() == 1) {
                return Optional.empty();
            }
        }
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT fingerprint, task_id FROM task_idempotency WHERE account_id = ? AND idempotency_key = ?")) {
            select.setString(1, accountId);
            select.setString(2, key);
            try (ResultSet row = select.executeQuery()) {
                row.next();
                if (!row.getString(1).equals(fingerprint)) {
                    throw Problems.of(422, "idempotency-key-reused", "Idempotency-Key already used",
                            "this " + HEADER + " was used for another request in the last "
                                    + LIFETIME.toHours() + " hours; send a new key for a new task");
                }
                return Optional.of(row.getString(2));
            }
        }
    }
}
