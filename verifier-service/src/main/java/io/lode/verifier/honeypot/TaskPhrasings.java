package io.lode.verifier.honeypot;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import io.lode.verifier.challenge.Phrasings;

/** The instructions of recent consumer tasks per named skill, for honeypots to borrow ({@link Phrasings}). */
public final class TaskPhrasings {

    static final int KEPT_PER_SKILL = 50;

    private final Connection connection;

    public TaskPhrasings(Connection connection) {
        this.connection = connection;
    }

    public void record(String skill, String input) throws SQLException {
        if (skill == null || input == null) {
            return;
        }
        var instruction = Phrasings.instructionOf(input);
        if (instruction.isEmpty()) {
            return;
        }
        boolean added;
        // xmax = 0 only for a freshly inserted row: the table grows, and needs trimming, only then.
        try (PreparedStatement upsert = connection.prepareStatement("INSERT INTO task_phrasing (skill, instruction) "
                + "VALUES (?, ?) ON CONFLICT (skill, instruction) DO UPDATE SET seen_at = now() "
                + "RETURNING (xmax = 0)")) {
            upsert.setString(1, skill);
            upsert.setString(2, instruction.get());
            try (ResultSet row = upsert.executeQuery()) {
                added = row.next() && row.getBoolean(1);
            }
        }
        if (!added) {
            return;
        }
        try (PreparedStatement trim = connection.prepareStatement("DELETE FROM task_phrasing WHERE skill = ? AND "
                + "instruction NOT IN (SELECT instruction FROM task_phrasing WHERE skill = ? ORDER BY seen_at DESC, "
                + "instruction LIMIT " + KEPT_PER_SKILL + ")")) {
            trim.setString(1, skill);
            trim.setString(2, skill);
            trim.executeUpdate();
        }
    }

    public List<String> of(String skill) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT instruction FROM task_phrasing WHERE skill = ? ORDER BY instruction")) {
            select.setString(1, skill);
            try (ResultSet rows = select.executeQuery()) {
                List<String> out = new ArrayList<>();
                while (rows.next()) {
                    out.add(rows.getString(1));
                }
                return out;
            }
        }
    }
}
