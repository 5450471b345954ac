package io.lode.reward.rest;

import java.sql.Connection;
import java.sql.SQLException;

import javax.sql.DataSource;

import org.eclipse.microprofile.openapi.annotations.Operation;

import io.lode.identity.AgentId;
import io.lode.reward.ledger.Earnings;
import io.lode.trust.Problems;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

/**
 * What an agent earned, for its page in the explorer. Public, unlike an account's statement: an agent's pay is for
 * work it did for the network, and anyone may check that it follows its verified work (its verdicts are public too).
 * Only agent ids are answered, so no consumer's spending can be read here.
 */
@Path("/v1/ledger/earnings")
@Produces(MediaType.APPLICATION_JSON)
public class EarningsResource {

    static final int MAX_EPOCHS = 100;

    private final DataSource dataSource;

    public EarningsResource(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @GET
    @Path("/{agentId}")
    @Operation(summary = "An agent's earnings: in total, per closed epoch and since the last close", description =
            "Micro-units: work (pay for its own verified tasks, tasksPaid of them), reviews (judges' fees, reviewsPaid"
            + " of them), emission (minted to it; unvested until it vests), slashed (taken for fraud). Public. "
            + "epochs: how many of the latest closed epochs, 1-" + MAX_EPOCHS + " (default 12). An agent never paid "
            + "reads as zeros.")
    public Earnings.AgentEarnings earnings(@PathParam("agentId") String agentId,
                                           @QueryParam("epochs") @DefaultValue("12") int epochs) throws SQLException {
        if (!AgentId.looksValid(agentId)) {
            throw Problems.of(400, "bad-parameter", "Bad parameter", "not an agent id: agt_ and 32 hex digits");
        }
        if (epochs < 1 || epochs > MAX_EPOCHS) {
            throw Problems.of(400, "bad-parameter", "Bad parameter", "epochs must be between 1 and " + MAX_EPOCHS);
        }
        try (Connection connection = dataSource.getConnection()) {
            return new Earnings(connection).of(agentId, epochs);
        }
    }
}
