package io.lode.registry.registration;

import java.net.URI;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Set;

import javax.sql.DataSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkiverse.resteasy.problem.HttpProblem;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** Agents: signed registration and public lookup. */
@Path("/v1/agents")
@Produces(MediaType.APPLICATION_JSON)
public class AgentResource {

    private static final Set<String> STATUSES = Set.of("PENDING", "ACTIVE", "REJECTED", "SUSPENDED", "EXPIRED",
            "DEREGISTERED");

    private final Registrations registrations;
    private final DataSource dataSource;

    public AgentResource(Registrations registrations, DataSource dataSource) {
        this.registrations = registrations;
        this.dataSource = dataSource;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response register(JsonNode body) throws SQLException {
        if (!(body instanceof ObjectNode object)) {
            throw problem(400, "invalid-registration", "Invalid registration", "the body must be a JSON object");
        }
        AgentRecord agent = registrations.register(object);
        return Response.accepted(Map.of("agentId", agent.agentId(), "status", agent.status()))
                .location(URI.create("/v1/agents/" + agent.agentId())).build();
    }

    @GET
    @Path("/{agentId}")
    public AgentRecord get(@PathParam("agentId") String agentId) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            return new AgentRepository(connection).find(agentId).orElseThrow(() ->
                    problem(404, "unknown-agent", "Unknown agent", "no agent " + agentId));
        }
    }

    @GET
    public List<AgentRecord> list(@QueryParam("status") String status,
                                  @QueryParam("limit") @DefaultValue("100") int limit) throws SQLException {
        if (status != null && !STATUSES.contains(status)) {
            throw problem(400, "bad-parameter", "Bad parameter", "status must be one of " + STATUSES);
        }
        if (limit < 1 || limit > 500) {
            throw problem(400, "bad-parameter", "Bad parameter", "limit must be between 1 and 500");
        }
        try (Connection connection = dataSource.getConnection()) {
            return new AgentRepository(connection).list(status, limit);
        }
    }

    static HttpProblem problem(int status, String type, String title, String detail) {
        return HttpProblem.builder().withType(URI.create("https://lode.dev/problems/" + type)).withStatus(status)
                .withTitle(title).withDetail(detail).build();
    }
}
