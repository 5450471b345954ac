package io.lode.verifier.reputation;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Which consumer accounts are linked to which agent: opened with the agent's own key (a signed opening). Work an
 * agent does for an account linked to it is paid for by itself, so it proves nothing about the agent.
 */
public final class LinkedAccounts {

    private final Connection connection;

    public LinkedAccounts(Connection connection) {
        this.connection = connection;
    }

    public void link(String accountId, String ownerAgentId) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO account_owner (account_id, "
                + "owner_agent_id) VALUES (?, ?) ON CONFLICT (account_id) DO NOTHING")) {
            insert.setString(1, accountId);
            insert.setString(2, ownerAgentId);
            insert.executeUpdate();
        }
    }

    /** Whether {@code accountId} was opened with {@code agentId}'s key. */
    public boolean linked(String accountId, String agentId) throws SQLException {
        if (accountId == null) {
            return false;
        }
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT 1 FROM account_owner WHERE account_id = ? AND owner_agent_id = ?")) {
            select.setString(1, accountId);
            select.setString(2, agentId);
            try (ResultSet row = select.executeQuery()) {
                return row.next();
            }
        }
    }
}
