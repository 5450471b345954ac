package io.lode.verifier.reputation;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

import javax.sql.DataSource;

import org.eclipse.microprofile.openapi.annotations.Operation;

import io.lode.identity.AgentId;
import io.lode.trust.Problems;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * What the verifier's verdicts say of an agent, overall and per skill: how many counted, how many passed, the score
 * they give and whether it is still in probation. Public, as an agent's reputation is. Challenges and consumer tasks
 * are counted together, so nothing here tells an agent which of its tasks were tests.
 */
@Path("/v1/verifier/verdicts")
@Produces(MediaType.APPLICATION_JSON)
public class VerdictsResource {

    /** One standing: {@code skill} null for the agent as a whole. */
    public record Standing(String skill, long verdicts, long passes, long failures, double score, boolean probation) {
    }

    public record AgentVerdicts(String agentId, Standing overall, List<Standing> skills) {
    }

    private final DataSource dataSource;

    public VerdictsResource(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @GET
    @Path("/{agentId}")
    @Operation(summary = "An agent's verdicts, overall and per skill", description = "verdicts: those that carried "
            + "evidence; passes and failures of them; score: the reputation they give (0.5 before any); probation: "
            + "capped traffic until enough checked passes. An agent with no verdict yet reads as none.")
    public AgentVerdicts verdicts(@PathParam("agentId") String agentId) throws SQLException {
        if (!AgentId.looksValid(agentId)) {
            throw Problems.of(400, "bad-parameter", "Bad parameter", "not an agent id: agt_ and 32 hex digits");
        }
        try (Connection connection = dataSource.getConnection()) {
            List<ReputationRepository.Standing> all = new ReputationRepository(connection).all(agentId);
            Standing overall = all.stream().filter(s -> s.skill().equals(ReputationRepository.OVERALL)).findFirst()
                    .map(VerdictsResource::standing).orElse(standing(new ReputationRepository.Standing(
                            ReputationRepository.OVERALL, Reputation.fresh())));
            return new AgentVerdicts(agentId, overall, all.stream()
                    .filter(s -> !s.skill().equals(ReputationRepository.OVERALL)).map(VerdictsResource::standing)
                    .toList());
        }
    }

    private static Standing standing(ReputationRepository.Standing s) {
        Reputation r = s.reputation();
        return new Standing(s.skill().isEmpty() ? null : s.skill(), r.verdicts(), r.passes(),
                r.verdicts() - r.passes(), Math.round(r.score() * 10_000) / 10_000.0, r.probation());
    }
}
