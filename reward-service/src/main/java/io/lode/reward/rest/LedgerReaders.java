package io.lode.reward.rest;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;

import io.lode.identity.AdminTokens;
import io.lode.identity.AgentId;
import io.lode.identity.AgentReadProofs;
import io.lode.identity.SignedRequests.InvalidSignatureException;
import io.lode.reward.escrow.RewardConfig;
import io.lode.reward.ledger.Accounts;
import io.lode.trust.GatewayProofFilter;
import io.lode.trust.Problems;
import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Who may read what of the ledger. An account's balance, entries and epoch proofs: its owner — the consumer whose
 * API key the gateway authenticated ({@code X-Lode-Account}, believed only with the gateway's proof), or the holder
 * of the agent key it belongs to (an agent's own account, or a consumer account opened with that key), proven with
 * {@link AgentReadProofs}. The whole ledger ({@code /v1/ledger/balances}) and any single account: the auditor's or
 * the admin's bearer token. Everyone: what epochs publish (roots, totals, the chain).
 */
@ApplicationScoped
public class LedgerReaders {

    private final RewardConfig config;

    public LedgerReaders(RewardConfig config) {
        this.config = config;
    }

    /** Refuses (401 without credentials, 403 with another's) unless the caller may read {@code accountId}. */
    public void requireReaderOf(String accountId, HttpServerRequest request, Connection connection)
            throws SQLException {
        if (isAuditor(request)) {
            return;
        }
        String account = request.getHeader(GatewayProofFilter.ACCOUNT_HEADER);
        String agent = agentOf(request);
        if (account == null && agent == null) {
            throw Problems.of(401, "unauthenticated", "Credentials required", "an account's ledger is private: "
                    + "send its API key (Authorization: Bearer lode_…), a signed " + AgentReadProofs.HEADER
                    + " of its agent key, or the auditor's token");
        }
        if (accountId.equals(account) || (agent != null && (accountId.equals(agent)
                || accountId.equals(Accounts.unvestedOf(agent)) || agent.equals(ownerOf(accountId, connection))))) {
            return;
        }
        throw Problems.of(403, "not-your-account", "Not your account",
                "these credentials may read their own account only, not " + accountId);
    }

    /** Refuses (401) unless the caller holds the auditor's or the admin's token. */
    public void requireAuditor(HttpServerRequest request) {
        if (!isAuditor(request)) {
            throw Problems.of(401, "auditor-token-required", "Auditor token required",
                    "reading every account needs Authorization: Bearer <auditor or admin token>");
        }
    }

    private boolean isAuditor(HttpServerRequest request) {
        String authorization = request.getHeader("Authorization");
        return authorization != null && (config.auditorTokenSha256().filter(h -> AdminTokens.matches(authorization, h))
                .isPresent() || config.adminTokenSha256().filter(h -> AdminTokens.matches(authorization, h))
                .isPresent());
    }

    /** The agent whose key signed the request's {@link AgentReadProofs} proof, or null without one. */
    private static String agentOf(HttpServerRequest request) {
        String proof = request.getHeader(AgentReadProofs.HEADER);
        if (proof == null) {
            return null;
        }
        try {
            return AgentId.of(AgentReadProofs.verify(proof, request.method().name(), request.uri(), Instant.now()));
        } catch (InvalidSignatureException e) {
            throw Problems.of(401, "invalid-agent-proof", "Invalid agent proof", e.getMessage());
        }
    }

    private static String ownerOf(String accountId, Connection connection) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT owner_agent_id FROM account WHERE account_id = ?")) {
            select.setString(1, accountId);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? row.getString(1) : null;
            }
        }
    }
}
