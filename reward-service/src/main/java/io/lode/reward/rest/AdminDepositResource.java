package io.lode.reward.rest;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import io.lode.identity.AdminTokens;
import io.lode.reward.escrow.RewardConfig;
import io.lode.reward.escrow.RewardEventHandler;
import io.lode.reward.ledger.Accounts;
import io.lode.reward.ledger.LedgerRepository;
import io.lode.trust.Problems;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * The admin API: an operator deposits credits into a consumer account. Not routed by the public gateway, and
 * authenticated by a bearer token whose SHA-256 the service is configured with. Idempotent per depositId.
 */
@Path("/admin/v1/deposits")
@Produces(MediaType.APPLICATION_JSON)
public class AdminDepositResource {

    static final long MAX_DEPOSIT = 1_000_000_000_000_000L;

    private final RewardConfig config;
    private final RewardEventHandler handler;
    private final DataSource dataSource;

    public AdminDepositResource(RewardConfig config, RewardEventHandler handler, DataSource dataSource) {
        this.config = config;
        this.handler = handler;
        this.dataSource = dataSource;
    }

    /** {@code {depositId (UUID, chosen by the caller), accountId, amount, reason}}. */
    public record DepositRequest(String depositId, String accountId, Long amount, String reason) {
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response deposit(@HeaderParam("Authorization") String authorization, DepositRequest request)
            throws SQLException {
        authenticate(authorization);
        if (request == null || request.depositId() == null || request.accountId() == null || request.amount() == null
                || request.reason() == null || request.reason().isBlank() || request.reason().length() > 200) {
            throw Problems.of(400, "bad-deposit", "Invalid deposit",
                    "depositId, accountId, amount and reason (1..200 characters) are required");
        }
        try {
            UUID.fromString(request.depositId());
        } catch (IllegalArgumentException e) {
            throw Problems.of(400, "bad-deposit", "Invalid deposit", "depositId must be a UUID the caller chooses once");
        }
        if (request.amount() <= 0 || request.amount() > MAX_DEPOSIT) {
            throw Problems.of(400, "bad-deposit", "Invalid deposit", "amount must be 1.." + MAX_DEPOSIT + " micro-units");
        }
        try (Connection connection = dataSource.getConnection()) {
            var account = new LedgerRepository(connection).account(request.accountId());
            if (account.isEmpty() || !account.get().kind().equals(Accounts.Kind.CONSUMER.name())) {
                throw Problems.of(404, "unknown-account", "Unknown account",
                        "no consumer account " + request.accountId());
            }
        }
        boolean applied = handler.deposit(request.depositId(), request.accountId(), request.amount(),
                "admin deposit: " + request.reason());
        return Response.status(applied ? 201 : 200).entity(Map.of("depositId", request.depositId(),
                "accountId", request.accountId(), "amount", request.amount(),
                "status", applied ? "deposited" : "already deposited")).build();
    }

    private void authenticate(String authorization) {
        String expected = config.adminTokenSha256().orElseThrow(() -> Problems.of(404, "admin-api-disabled",
                "Admin API disabled", "set lode.reward.admin-token-sha256 to enable it"));
        if (!AdminTokens.matches(authorization, expected)) {
            throw Problems.builder(401, "unauthenticated", "Admin token required",
                    "send Authorization: Bearer <admin token>").withHeader("WWW-Authenticate", "Bearer").build();
        }
    }
}
