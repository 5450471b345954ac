package io.lode.registry.registration;

import java.io.IOException;
import java.net.URI;
import java.security.PublicKey;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;

import javax.sql.DataSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.lode.egress.BlockedDestinationException;
import io.lode.egress.GuardedHttpClient;
import io.lode.egress.HttpReply;
import io.lode.egress.SsrfGuard;
import io.lode.events.Envelopes;
import io.lode.events.agents.AgentRegistered;
import io.lode.events.agents.AgentSkill;
import io.lode.events.outbox.Outbox;
import io.lode.identity.AgentId;
import io.lode.identity.SignedRequests;
import io.lode.registry.RegistryConfig;
import io.quarkiverse.resteasy.problem.HttpProblem;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/**
 * Permissionless registration: a request signed by the agent's key, whose agent card (fetched through the
 * SSRF guard) names the same key, becomes a PENDING agent and an AgentRegistered event.
 */
@ApplicationScoped
public class Registrations {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PRODUCER = "registry-service";

    private final DataSource dataSource;
    private final RegistryConfig config;
    private final GuardedHttpClient http;
    private final SsrfGuard guard;

    public Registrations(DataSource dataSource, RegistryConfig config, Vertx vertx) {
        this.dataSource = dataSource;
        this.config = config;
        this.guard = new SsrfGuard(config.egressAllowList().orElse(List.of()));
        this.http = new GuardedHttpClient(vertx, guard, 4);
    }

    /** Validates, fetches the card and stores the agent; throws a problem saying what is wrong. */
    public AgentRecord register(ObjectNode body) throws SQLException {
        PublicKey key;
        try {
            key = SignedRequests.verify(body);
        } catch (SignedRequests.InvalidSignatureException e) {
            throw AgentResource.problem(401, "invalid-signature", "Invalid signature", e.getMessage());
        }
        String agentId = AgentId.of(key);
        Instant expiresAt = requestExpiry(body);
        String nonce = text(body, "nonce");
        if (nonce.length() < 8 || nonce.length() > 128) {
            throw invalid("nonce must be 8..128 characters");
        }
        long price = price(body);
        URI cardUrl = url(text(body, "cardUrl"), "cardUrl");

        FetchedCard fetched = fetchCard(cardUrl);
        AgentCard card = fetched.card();
        String publicKey = text(body, "publicKey");
        if (!publicKey.equals(card.identityKey())) {
            throw AgentResource.problem(403, "card-key-mismatch", "Agent card does not name this key",
                    card.identityKey() == null
                            ? "the card lacks the " + AgentCard.IDENTITY_EXTENSION + " extension with params.publicKey"
                            : "the card at " + cardUrl + " names another key; only its owner can register it");
        }
        if (body.hasNonNull("endpoint") && !body.get("endpoint").asText().equals(card.endpoint())) {
            throw invalid("endpoint " + body.get("endpoint").asText() + " differs from the card's " + card.endpoint());
        }
        try {
            guard.resolve(url(card.endpoint(), "the card's endpoint"));
        } catch (BlockedDestinationException e) {
            throw AgentResource.problem(422, "blocked-destination", "Endpoint not reachable from Lode", e.getMessage());
        }
        AgentRecord agent = new AgentRecord(agentId, publicKey, card.name(), cardUrl.toString(), card.endpoint(),
                card.protocolVersion(), price, "PENDING", List.of(), null, card.skills(),
                AgentId.sha256Hex(fetched.raw()), Instant.now(), Instant.now(),
                Instant.now().plus(config.registrationTtl()).truncatedTo(ChronoUnit.MICROS));
        store(agent, nonce, expiresAt, new String(fetched.raw(), java.nio.charset.StandardCharsets.UTF_8));
        return agent;
    }

    @Transactional
    void store(AgentRecord agent, String nonce, Instant requestExpiry, String card) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            AgentRepository agents = new AgentRepository(connection);
            if (!agents.useNonce(agent.agentId(), nonce, requestExpiry)) {
                throw AgentResource.problem(409, "replayed-request", "Request replayed",
                        "nonce " + nonce + " was already used by this key");
            }
            if (!agents.register(agent, card)) {
                throw AgentResource.problem(409, "already-registered", "Agent already registered",
                        agent.agentId() + " is registered; update it with PUT or deregister it first");
            }
            Outbox.append(connection, agent.agentId(), AgentRegistered.newBuilder()
                    .setEnvelope(Envelopes.next(PRODUCER, agent.agentId(), null))
                    .setAgentId(agent.agentId()).setPublicKey(agent.publicKey()).setEndpoint(agent.endpoint())
                    .setProtocolVersion(agent.protocolVersion()).setPrice(agent.price())
                    .setSkills(agent.skills().stream().map(s -> AgentSkill.newBuilder().setId(s.id())
                            .setName(s.name()).setDescription(s.description()).setTags(s.tags())
                            .setExamples(s.examples()).build()).toList())
                    .setCardDigest(agent.cardDigest()).setExpiresAt(agent.expiresAt()).build());
        }
    }

    private record FetchedCard(AgentCard card, byte[] raw) {
    }

    private FetchedCard fetchCard(URI cardUrl) {
        HttpReply reply;
        try {
            reply = http.get(cardUrl, Map.of("accept", "application/json"), config.maxCardBytes(),
                    config.cardFetchTimeout()).toCompletableFuture().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while fetching the agent card", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof BlockedDestinationException) {
                throw AgentResource.problem(422, "blocked-destination", "Card URL not reachable from Lode",
                        cause.getMessage());
            }
            throw AgentResource.problem(422, "card-unreachable", "Agent card could not be fetched",
                    cardUrl + ": " + cause.getMessage());
        }
        if (reply.status() != 200) {
            throw AgentResource.problem(422, "card-unreachable", "Agent card could not be fetched",
                    cardUrl + " answered HTTP " + reply.status());
        }
        try {
            JsonNode json = JSON.readTree(reply.body());
            return new FetchedCard(AgentCard.parse(json), reply.body());
        } catch (IOException e) {
            throw AgentResource.problem(422, "invalid-card", "Invalid agent card", "the card is not JSON");
        } catch (AgentCard.InvalidCardException e) {
            throw AgentResource.problem(422, "invalid-card", "Invalid agent card", e.getMessage());
        }
    }

    private Instant requestExpiry(ObjectNode body) {
        Instant expiresAt;
        try {
            expiresAt = Instant.parse(text(body, "expiresAt"));
        } catch (DateTimeParseException e) {
            throw invalid("expiresAt must be an ISO-8601 instant such as 2026-01-01T00:00:00Z");
        }
        Instant now = Instant.now();
        if (!expiresAt.isAfter(now)) {
            throw AgentResource.problem(401, "expired-request", "Request expired", "expiresAt " + expiresAt
                    + " has passed; sign a fresh request");
        }
        if (expiresAt.isAfter(now.plus(config.maxRequestLifetime()))) {
            throw invalid("expiresAt may be at most " + config.maxRequestLifetime().toMinutes() + " minutes ahead");
        }
        return expiresAt;
    }

    private long price(ObjectNode body) {
        JsonNode price = body.get("price");
        if (price == null || !price.canConvertToLong() || !price.isIntegralNumber()) {
            throw invalid("price is required: a whole number of micro-units per task");
        }
        if (price.asLong() < 0 || price.asLong() > config.maxPrice()) {
            throw invalid("price must be between 0 and " + config.maxPrice());
        }
        return price.asLong();
    }

    private static URI url(String text, String field) {
        try {
            URI uri = new URI(text);
            if (uri.getHost() == null || !(text.startsWith("http://") || text.startsWith("https://"))) {
                throw invalid(field + " must be an absolute http(s) URL");
            }
            return uri;
        } catch (java.net.URISyntaxException e) {
            throw invalid(field + " is not a valid URL");
        }
    }

    private static String text(ObjectNode body, String field) {
        JsonNode value = body.get(field);
        if (value == null || !value.isTextual() || value.asText().isBlank()) {
            throw invalid(field + " is required and must be a string");
        }
        return value.asText();
    }

    private static HttpProblem invalid(String detail) {
        return AgentResource.problem(400, "invalid-registration", "Invalid registration", detail);
    }
}
