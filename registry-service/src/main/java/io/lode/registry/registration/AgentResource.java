package io.lode.registry.registration;

import java.net.URI;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

import io.lode.registry.Problems;
import io.lode.registry.lifecycle.AgentLifecycle;
import io.lode.registry.lifecycle.ReputationHistory;
import io.lode.registry.ratelimit.RegistrationRateLimits;
import io.lode.registry.search.AgentSearchIndex;
import io.lode.registry.signing.SignedAgentRequest;
import io.lode.registry.signing.SignedRequestVerifier;
import io.lode.registry.signing.SignedRequestVerifier.Action;
import io.lode.trust.GatewayProofFilter;
import io.quarkiverse.resteasy.problem.HttpProblem;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * Agents: signed registration, update, renewal and deregistration, lookup and search. Every signed call is
 * rate-limited by client address before any work and by key once the signature is checked.
 */
@Path("/v1/agents")
@Produces(MediaType.APPLICATION_JSON)
public class AgentResource {

    private static final Set<String> STATUSES = Set.of("PENDING", "ACTIVE", "REJECTED", "SUSPENDED", "EXPIRED",
            "DEREGISTERED");
    static final int MAX_QUERY_CHARS = 500;
    /** As far back as the reputation history is kept by default (lode.registry.reputation-history). */
    static final int MAX_HISTORY_DAYS = 90;

    private final Registrations registrations;
    private final AgentLifecycle lifecycle;
    private final SignedRequestVerifier verifier;
    private final RegistrationRateLimits limits;
    private final AgentSearchIndex index;
    private final SkillEmbeddings embeddings;
    private final DataSource dataSource;

    public AgentResource(Registrations registrations, AgentLifecycle lifecycle, SignedRequestVerifier verifier,
                         RegistrationRateLimits limits, AgentSearchIndex index, SkillEmbeddings embeddings,
                         DataSource dataSource) {
        this.registrations = registrations;
        this.lifecycle = lifecycle;
        this.verifier = verifier;
        this.limits = limits;
        this.index = index;
        this.embeddings = embeddings;
        this.dataSource = dataSource;
    }

    /** A registration taken: the agent is PENDING until its exam decides. */
    public record Registered(String agentId, String status) {
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @APIResponse(responseCode = "202", description = "Registered, PENDING until its exam decides (Location: the agent)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Registered.class)))
    public Response register(String body, @Context HttpServerRequest http) throws SQLException {
        AgentRecord agent = registrations.register(signed(http, body, Action.REGISTER, null));
        return Response.accepted(new Registered(agent.agentId(), agent.status()))
                .location(URI.create("/v1/agents/" + agent.agentId())).build();
    }

    @PUT
    @Path("/{agentId}")
    @Consumes(MediaType.APPLICATION_JSON)
    public AgentRecord update(@PathParam("agentId") String agentId, String body, @Context HttpServerRequest http)
            throws SQLException {
        return registrations.update(signed(http, body, Action.UPDATE, agentId));
    }

    /**
     * The signed heartbeat: extends the registration by its TTL, after reading the card again — a card that no
     * longer names the key or the endpoint suspends the agent.
     */
    @POST
    @Path("/{agentId}/renewal")
    @Consumes(MediaType.APPLICATION_JSON)
    public AgentRecord renew(@PathParam("agentId") String agentId, String body, @Context HttpServerRequest http)
            throws SQLException {
        SignedAgentRequest request = signed(http, body, Action.RENEW, agentId);
        // Read again outside the transaction: a renewal re-proves that the key still controls the endpoint.
        Optional<String> lapse = lifecycle.current(agentId).map(registrations::ownershipLapse).orElse(Optional.empty());
        return lifecycle.renew(request, lapse);
    }

    @DELETE
    @Path("/{agentId}")
    @Consumes(MediaType.APPLICATION_JSON)
    @APIResponse(responseCode = "204", description = "Deregistered: the agent receives no more work")
    public Response deregister(@PathParam("agentId") String agentId, String body, @Context HttpServerRequest http)
            throws SQLException {
        lifecycle.deregister(signed(http, body, Action.DEREGISTER, agentId));
        return Response.noContent().build();
    }

    /** How many agents the registry holds in each status (the console's network view). */
    @GET
    @Path("/counts")
    public Map<String, Long> counts() throws SQLException {
        Map<String, Long> counts = new java.util.TreeMap<>();
        STATUSES.forEach(status -> counts.put(status, 0L));
        try (Connection connection = dataSource.getConnection();
             java.sql.PreparedStatement select = connection.prepareStatement(
                     "SELECT status, count(*) FROM agent GROUP BY status");
             java.sql.ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                counts.put(rows.getString(1), rows.getLong(2));
            }
        }
        return counts;
    }

    @GET
    @Path("/{agentId}")
    public AgentRecord get(@PathParam("agentId") String agentId) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            return new AgentRepository(connection).find(agentId).orElseThrow(() -> unknown(agentId));
        }
    }

    /** An agent's overall reputation over time: hourly points, oldest first. */
    public record ReputationOverTime(String agentId, int days, List<ReputationHistory.Point> points) {
    }

    /**
     * The agent's reputation over the last {@code days} (1–90, default 7): one point per hour in which it changed,
     * the last change of that hour. Public, like the agent's page.
     */
    @GET
    @Path("/{agentId}/reputation")
    public ReputationOverTime reputation(@PathParam("agentId") String agentId,
                                         @QueryParam("days") @DefaultValue("7") int days) throws SQLException {
        if (days < 1 || days > MAX_HISTORY_DAYS) {
            throw badParameter("days must be between 1 and " + MAX_HISTORY_DAYS);
        }
        try (Connection connection = dataSource.getConnection()) {
            new AgentRepository(connection).find(agentId).orElseThrow(() -> unknown(agentId));
            return new ReputationOverTime(agentId, days, new ReputationHistory(connection).since(agentId,
                    Instant.now().minus(Duration.ofDays(days))));
        }
    }

    /** One agent found by a search, with its similarity to {@code q} when there is one. */
    public record Found(Float score, @JsonUnwrapped AgentRecord agent) {
    }

    @GET
    public io.lode.trust.Page<Found> search(@QueryParam("q") String q, @QueryParam("skill") String skill,
                               @QueryParam("status") String status, @QueryParam("maxPrice") String maxPriceText,
                               @QueryParam("cursor") String cursor,
                               @QueryParam("limit") @DefaultValue("20") int limit) throws SQLException {
        if (status != null && !STATUSES.contains(status)) {
            throw badParameter("status must be one of " + STATUSES);
        }
        if (limit < 1 || limit > 100) {
            throw badParameter("limit must be between 1 and 100");
        }
        if (q != null && (q.isBlank() || q.length() > MAX_QUERY_CHARS)) {
            throw badParameter("q must be 1.." + MAX_QUERY_CHARS + " characters");
        }
        Long maxPrice = maxPriceText == null ? null : nonNegative(maxPriceText, "maxPrice");
        AgentSearchIndex.Page page = index.search(new AgentSearchIndex.Query(q == null ? null : embeddings.embedQuery(q),
                skill, status, maxPrice, cursor, limit));
        Map<String, AgentRecord> agents;
        try (Connection connection = dataSource.getConnection()) {
            agents = new AgentRepository(connection).findAll(page.hits().stream().map(AgentSearchIndex.Hit::agentId)
                    .toList()).stream().collect(Collectors.toMap(AgentRecord::agentId, Function.identity()));
        }
        return new io.lode.trust.Page<>(page.hits().stream().filter(hit -> agents.containsKey(hit.agentId()))
                .map(hit -> new Found(hit.score(), agents.get(hit.agentId()))).toList(), page.nextCursor());
    }

    private SignedAgentRequest signed(HttpServerRequest http, String body, Action action, String agentId) {
        // The gateway forwards the client's address, believed only with the gateway's proof (GatewayProofFilter).
        limits.checkAddress(GatewayProofFilter.clientAddress(http));
        if (body == null || body.isBlank()) {
            throw Problems.invalid("the body must be a signed JSON object");
        }
        JsonNode json;
        try {
            json = io.lode.identity.StrictJson.read(body);
        } catch (JsonProcessingException e) {
            throw Problems.of(400, "invalid-json", "Invalid JSON", "the body is not valid JSON: "
                    + e.getOriginalMessage());
        }
        SignedAgentRequest request = verifier.verify(json, action, agentId);
        limits.checkKey(request.agentId());
        return request;
    }

    public static HttpProblem unknown(String agentId) {
        return Problems.of(404, "unknown-agent", "Unknown agent", "no agent " + agentId);
    }

    private static long nonNegative(String text, String name) {
        try {
            long value = Long.parseLong(text);
            if (value >= 0) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw badParameter(name + " must be a whole number, at least 0");
    }

    private static HttpProblem badParameter(String detail) {
        return Problems.of(400, "bad-parameter", "Bad parameter", detail);
    }
}
