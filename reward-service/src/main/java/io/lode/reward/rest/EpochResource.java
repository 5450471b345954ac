package io.lode.reward.rest;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;

import javax.sql.DataSource;

import org.eclipse.microprofile.openapi.annotations.Operation;

import io.lode.events.merkle.BalanceTree;
import io.lode.events.merkle.InclusionProof;
import io.lode.reward.epoch.EpochClose;
import io.lode.reward.epoch.EpochRepository.Epoch;
import io.lode.reward.epoch.EpochRepository;
import io.lode.reward.escrow.RewardConfig;
import io.lode.trust.Problems;
import io.quarkiverse.resteasy.problem.HttpProblem;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;

/**
 * Closed epochs (Merkle root, hash chain: public) and inclusion proofs of an account's balance in them (the
 * account's own to fetch, as its balance is: {@link LedgerReaders}).
 */
@Path("/v1/epochs")
@Produces(MediaType.APPLICATION_JSON)
public class EpochResource {

    private final DataSource dataSource;
    private final RewardConfig config;

    private final LedgerReaders readers;

    public EpochResource(DataSource dataSource, RewardConfig config, LedgerReaders readers) {
        this.dataSource = dataSource;
        this.config = config;
        this.readers = readers;
    }

    /** The settings that decide each epoch's money: the audit replay recomputes epochs with them. */
    @GET
    @Path("/parameters")
    public EpochClose.Parameters parameters() {
        return config.parameters();
    }

    @GET
    @Path("/latest")
    public Epoch latest() throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            return new EpochRepository(connection).latest().orElseThrow(() -> Problems.of(404, "no-epoch",
                    "No epoch closed yet", "this network has not closed an epoch"));
        }
    }

    @GET
    @Path("/{epoch}")
    public Epoch epoch(@PathParam("epoch") long epoch) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            return new EpochRepository(connection).find(epoch).orElseThrow(() -> unknown(epoch));
        }
    }

    @GET
    @Path("/{epoch}/proofs/{accountId}")
    @Operation(summary = "The inclusion proof of an account's balance in an epoch",
            description = LedgerResource.WHO_MAY_READ)
    public InclusionProof proof(@PathParam("epoch") long epoch, @PathParam("accountId") String accountId,
                                @Context HttpServerRequest request) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            readers.requireReaderOf(accountId, request, connection);
            EpochRepository epochs = new EpochRepository(connection);
            epochs.find(epoch).orElseThrow(() -> unknown(epoch));
            Map<String, Long> balances = epochs.balancesAt(epoch);
            InclusionProof proof = new BalanceTree(balances).proof(epoch, accountId);
            if (proof == null) {
                throw Problems.of(404, "unknown-account", "Account not in this epoch",
                        accountId + " had no ledger account when epoch " + epoch + " closed");
            }
            return proof;
        }
    }

    private static HttpProblem unknown(long epoch) {
        return Problems.of(404, "unknown-epoch", "Unknown epoch", "epoch " + epoch + " has not closed");
    }

}
