package io.lode.gateway.a2a;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Which A2A conversation ({@code contextId}) each of an account's tasks belongs to. A task the caller submitted
 * without one, or through the REST API, is a conversation of its own: its context is its task id.
 */
@ApplicationScoped
public class ContextStore {

    private final DataSource dataSource;

    public ContextStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** How much of a task's input names its conversation in a history list. */
    static final int TITLE_CHARS = 80;

    /**
     * Records the task's conversation, titled by its {@code input} (cut); a resend of the same message (the same
     * task) records nothing new.
     */
    public void remember(String taskId, String accountId, String contextId, String input) throws SQLException {
        String title = input == null ? null : input.strip().replaceAll("\\s+", " ");
        if (title != null && title.length() > TITLE_CHARS) {
            title = title.substring(0, title.offsetByCodePoints(0, title.codePointCount(0, TITLE_CHARS - 1))) + "…";
        }
        try (Connection connection = dataSource.getConnection();
             PreparedStatement insert = connection.prepareStatement("INSERT INTO a2a_context_task (task_id, "
                     + "account_id, context_id, title) VALUES (?, ?, ?, ?) ON CONFLICT (task_id) DO NOTHING")) {
            insert.setString(1, taskId);
            insert.setString(2, accountId);
            insert.setString(3, contextId);
            insert.setString(4, title);
            insert.executeUpdate();
        }
    }

    /** A conversation in a history list: its title (its first message) and when it last had a task. */
    public record Conversation(String contextId, String title, Instant lastAt) {
    }

    /** The account's {@code limit} most recent conversations, the most recent first. */
    public List<Conversation> conversations(String accountId, int limit) throws SQLException {
        List<Conversation> found = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement("SELECT context_id, "
                     + "(array_agg(title ORDER BY created_at, task_id))[1], max(created_at) FROM a2a_context_task "
                     + "WHERE account_id = ? GROUP BY context_id ORDER BY max(created_at) DESC LIMIT ?")) {
            select.setString(1, accountId);
            select.setInt(2, limit);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    found.add(new Conversation(rows.getString(1), rows.getString(2), rows.getTimestamp(3).toInstant()));
                }
            }
        }
        return found;
    }

    /** The conversation of each of the account's tasks named; a task it does not know is its own. */
    public Map<String, String> contextsOf(String accountId, List<String> taskIds) throws SQLException {
        Map<String, String> contexts = new HashMap<>();
        taskIds.forEach(id -> contexts.put(id, id));
        if (taskIds.isEmpty()) {
            return contexts;
        }
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement("SELECT task_id, context_id FROM a2a_context_task "
                     + "WHERE account_id = ? AND task_id = ANY (?)")) {
            select.setString(1, accountId);
            select.setArray(2, connection.createArrayOf("text", taskIds.toArray()));
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    contexts.put(rows.getString(1), rows.getString(2));
                }
            }
        }
        return contexts;
    }

    /** One page of a conversation's task ids, newest first, and the cursor of the next page (null: the last). */
    /** A page of a context's tasks; {@code total}: all the context's tasks. */
    public record TaskPage(List<String> taskIds, String nextCursor, long total) {
    }

    public TaskPage page(String accountId, String contextId, String cursor, int limit) throws SQLException {
        Instant before = null;
        String beforeId = null;
        if (cursor != null && !cursor.isEmpty()) {
            try {
                String[] at = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split(" ", 2);
                before = Instant.parse(at[0]);
                beforeId = at[1];
            } catch (RuntimeException e) {
                throw Submission.invalid("pageToken is not one this endpoint gave");
            }
        }
        String sql = "SELECT task_id, created_at FROM a2a_context_task WHERE account_id = ? AND context_id = ? "
                + (before == null ? "" : "AND (created_at, task_id) < (?, ?) ") + "ORDER BY created_at DESC, task_id DESC "
                + "LIMIT ?";
        List<String> ids = new ArrayList<>();
        Instant lastAt = null;
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(sql)) {
            int i = 1;
            select.setString(i++, accountId);
            select.setString(i++, contextId);
            if (before != null) {
                select.setTimestamp(i++, Timestamp.from(before));
                select.setString(i++, beforeId);
            }
            select.setInt(i, limit + 1);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next() && ids.size() < limit + 1) {
                    ids.add(rows.getString(1));
                    if (ids.size() <= limit) {
                        lastAt = rows.getTimestamp(2).toInstant();
                    }
                }
            }
        }
        long total = ids.size() <= limit && before == null ? ids.size() : count(accountId, contextId);
        if (ids.size() <= limit) {
            return new TaskPage(ids, null, total);
        }
        ids.remove(limit);
        String next = Base64.getUrlEncoder().withoutPadding().encodeToString((lastAt + " " + ids.get(limit - 1))
                .getBytes(StandardCharsets.UTF_8));
        return new TaskPage(ids, next, total);
    }

    private long count(String accountId, String contextId) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(
                     "SELECT count(*) FROM a2a_context_task WHERE account_id = ? AND context_id = ?")) {
            select.setString(1, accountId);
            select.setString(2, contextId);
            try (ResultSet rows = select.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }
}
