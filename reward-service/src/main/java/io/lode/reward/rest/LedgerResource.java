package io.lode.reward.rest;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

import javax.sql.DataSource;

import org.eclipse.microprofile.openapi.annotations.Operation;

import io.lode.reward.ledger.LedgerRepository.AccountView;
import io.lode.reward.ledger.LedgerRepository.Entry;
import io.lode.reward.ledger.LedgerRepository;
import io.lode.trust.Problems;
import io.quarkiverse.resteasy.problem.HttpProblem;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;

/** Balances and statements, read-only; amounts are micro-units (1 credit = 1,000,000). */
@Path("/v1/ledger/accounts")
@Produces(MediaType.APPLICATION_JSON)
public class LedgerResource {

    private static final int MAX_ENTRIES = 500;
    /** Who may read an account's ledger, as the OpenAPI document says it (LedgerReaders decides). */
    static final String WHO_MAY_READ = "Readable by the account's owner only: its API key (Authorization: Bearer "
            + "lode_...), a request signed with the agent key the account belongs to (X-Lode-Agent-Proof, see the "
            + "README), or the auditor's or admin's token. 401 unauthenticated without credentials, 403 "
            + "not-your-account with another account's.";

    private final DataSource dataSource;
    private final LedgerReaders readers;

    public LedgerResource(DataSource dataSource, LedgerReaders readers) {
        this.dataSource = dataSource;
        this.readers = readers;
    }

    /** The account's balance: its owner's, its agent key holder's or the auditor's to read (LedgerReaders). */
    @GET
    @Path("/{accountId}")
    @Operation(summary = "An account's balance", description = WHO_MAY_READ)
    public AccountView balance(@PathParam("accountId") String accountId, @Context HttpServerRequest request)
            throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            readers.requireReaderOf(accountId, request, connection);
            return new LedgerRepository(connection).account(accountId).orElseThrow(() -> unknown(accountId));
        }
    }

    @GET
    @Path("/{accountId}/entries")
    @Operation(summary = "An account's postings, newest first", description = WHO_MAY_READ)
    public io.lode.trust.Page<Entry> entries(@PathParam("accountId") String accountId,
                                          @QueryParam("cursor") String cursor,
                                          @QueryParam("limit") @DefaultValue("100") int limit,
                                          @Context HttpServerRequest request) throws SQLException {
        if (limit < 1 || limit > MAX_ENTRIES) {
            throw Problems.of(400, "bad-parameter", "Bad parameter", "limit must be between 1 and " + MAX_ENTRIES);
        }
        try (Connection connection = dataSource.getConnection()) {
            readers.requireReaderOf(accountId, request, connection);
            LedgerRepository ledger = new LedgerRepository(connection);
            ledger.account(accountId).orElseThrow(() -> unknown(accountId));
            long before = cursor == null ? Long.MAX_VALUE : PageCursor.decodeNumber(cursor);
            List<Entry> entries = ledger.entries(accountId, before, limit + 1);
            boolean more = entries.size() > limit;
            List<Entry> page = more ? entries.subList(0, limit) : entries;
            return new io.lode.trust.Page<>(page, more ? PageCursor.encode(Long.toString(page.get(limit - 1).txId()))
                    : null);
        }
    }

    private static HttpProblem unknown(String accountId) {
        return Problems.of(404, "unknown-account", "Unknown account",
                "no ledger account " + accountId + " (accounts appear with their first event)");
    }
}
