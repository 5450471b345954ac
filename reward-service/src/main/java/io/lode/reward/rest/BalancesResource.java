package io.lode.reward.rest;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

import javax.sql.DataSource;

import org.eclipse.microprofile.openapi.annotations.Operation;

import io.lode.reward.ledger.LedgerRepository.Balance;
import io.lode.reward.ledger.LedgerRepository;
import io.lode.trust.Problems;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;

/**
 * Every account's balance now, paged by account id: what the audit replay compares its recomputed balances with.
 * The whole ledger says who paid whom: only the auditor's or the admin's token reads it.
 */
@Path("/v1/ledger/balances")
@Produces(MediaType.APPLICATION_JSON)
public class BalancesResource {

    private static final int MAX_PAGE = 5_000;

    private final DataSource dataSource;
    private final LedgerReaders readers;

    public BalancesResource(DataSource dataSource, LedgerReaders readers) {
        this.dataSource = dataSource;
        this.readers = readers;
    }

    @GET
    @Operation(summary = "Every account's balance now, paged by account id", description = "The whole ledger: "
            + "readable with the auditor's or the admin's token only (Authorization: Bearer <token>); 401 "
            + "auditor-token-required otherwise.")
    public io.lode.trust.Page<Balance> balances(@QueryParam("cursor") String cursor,
                                             @QueryParam("limit") @DefaultValue("1000") int limit,
                                             @Context HttpServerRequest request) throws SQLException {
        readers.requireAuditor(request);
        if (limit < 1 || limit > MAX_PAGE) {
            throw Problems.of(400, "bad-parameter", "Bad parameter", "limit must be between 1 and " + MAX_PAGE);
        }
        String after = cursor == null ? "" : PageCursor.decode(cursor);
        try (Connection connection = dataSource.getConnection()) {
            List<Balance> balances = new LedgerRepository(connection).balances(after, limit + 1);
            boolean more = balances.size() > limit;
            List<Balance> page = more ? balances.subList(0, limit) : balances;
            return new io.lode.trust.Page<>(page, more ? PageCursor.encode(page.get(limit - 1).accountId()) : null);
        }
    }
}
