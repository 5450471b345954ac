package io.lode.registry.registration;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.lode.events.outbox.Outbox;
import io.lode.identity.AgentId;
import io.lode.registry.Problems;
import io.lode.registry.RegistryConfig;
import io.lode.registry.signing.SignedAgentRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/**
 * Permissionless registration and signed updates: the agent card (fetched through the SSRF guard) must name the
 * signing key; the agent, its embedded skills and the event announcing it are stored in one transaction.
 */
@ApplicationScoped
public class Registrations {

    private final DataSource dataSource;
    private final RegistryConfig config;
    private final CardFetcher cards;
    private final SkillEmbeddings embeddings;

    public Registrations(DataSource dataSource, RegistryConfig config, CardFetcher cards, SkillEmbeddings embeddings) {
        this.dataSource = dataSource;
        this.config = config;
        this.cards = cards;
        this.embeddings = embeddings;
    }

    /** A new PENDING agent and its AgentRegistered event; throws a problem saying what is wrong. */
    public AgentRecord register(SignedAgentRequest request) throws SQLException {
        Described described = describe(request);
        AgentRecord agent = described.agent("PENDING", Instant.now());
        store(request, agent, described.card(), true);
        return agent;
    }

    /**
     * A new card, endpoint or price for an existing agent, announced as AgentUpdated. The skill ids may not change:
     * skills are what the exam checked, so new ones need a new registration (and exam).
     */
    public AgentRecord update(SignedAgentRequest request) throws SQLException {
        Described described = describe(request);
        AgentRecord current = find(request.agentId());
        if (current.status().equals("DEREGISTERED")) {
            throw Problems.of(409, "agent-deregistered", "Agent deregistered",
                    request.agentId() + " is deregistered; register it again with POST /v1/agents");
        }
        Set<String> before = current.skills().stream().map(AgentCard.Skill::id).collect(Collectors.toSet());
        Set<String> after = described.card().card().skills().stream().map(AgentCard.Skill::id)
                .collect(Collectors.toSet());
        if (!before.equals(after)) {
            throw Problems.of(409, "skills-changed", "Skills changed",
                    "the card declares skills " + after + " but " + request.agentId() + " was examined on " + before
                            + "; deregister and register again to be examined on new skills");
        }
        // An update is not a renewal: the registration keeps its expiry.
        AgentRecord agent = described.agent(current.status(), current.registeredAt()).withExpiry(current.expiresAt());
        store(request, agent, described.card(), false);
        return agent;
    }

    private AgentRecord find(String agentId) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            return new AgentRepository(connection).find(agentId).orElseThrow(() -> AgentResource.unknown(agentId));
        }
    }

    /** What the request and the card say about the agent, checked. */
    private record Described(SignedAgentRequest request, CardFetcher.FetchedCard card, long price,
                             List<float[]> vectors, Instant expiresAt) {

        AgentRecord agent(String status, Instant registeredAt) {
            AgentCard parsed = card.card();
            return new AgentRecord(request.agentId(), request.publicKey(), parsed.name(),
                    request.body().get("cardUrl").asText(), parsed.endpoint(), parsed.protocolVersion(), parsed.streaming(), price,
                    status, List.of(), null, parsed.skills(), vectors, AgentId.sha256Hex(card.raw()), registeredAt,
                    Instant.now(), expiresAt, null, 0, true);
        }
    }

    private Described describe(SignedAgentRequest request) {
        ObjectNode body = request.body();
        long price = price(body);
        CardFetcher.FetchedCard fetched;
        if (body.has("card") == body.has("cardUrl")) {
            throw Problems.invalid("send either cardUrl (the card is fetched from there) or card (inline)");
        } else if (body.has("card")) {
            fetched = cards.inline(body.get("card"));
            // An inline card proves nothing about the endpoint: the card the endpoint serves must name the key.
            URI wellKnown = CardFetcher.wellKnownCardOf(fetched.card().endpoint());
            body.put("cardUrl", wellKnown.toString());
            requireKey(request, cards.fetch(wellKnown).card(), wellKnown);
        } else {
            URI cardUrl = CardFetcher.url(Problems.requiredText(body, "cardUrl"), "cardUrl");
            fetched = cards.fetch(cardUrl);
        }
        AgentCard card = fetched.card();
        requireKey(request, card, URI.create(body.get("cardUrl").asText()));
        if (body.hasNonNull("endpoint") && !body.get("endpoint").asText().equals(card.endpoint())) {
            throw Problems.invalid("endpoint " + body.get("endpoint").asText() + " differs from the card's "
                    + card.endpoint());
        }
        cards.checkEndpoint(card.endpoint());
        return new Described(request, fetched, price, embeddings.embed(card.skills()),
                Instant.now().plus(config.registrationTtl()).truncatedTo(ChronoUnit.MICROS));
    }

    private static void requireKey(SignedAgentRequest request, AgentCard card, URI cardUrl) {
        if (!request.publicKey().equals(card.identityKey())) {
            throw Problems.of(403, "card-key-mismatch", "Agent card does not name this key",
                    card.identityKey() == null
                            ? "the card at " + cardUrl + " lacks the " + AgentCard.IDENTITY_EXTENSION
                                    + " extension with params.publicKey"
                            : "the card at " + cardUrl + " names another key; only its owner can register it");
        }
    }

    @Transactional
    void store(SignedAgentRequest request, AgentRecord agent, CardFetcher.FetchedCard card, boolean isNew)
            throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            AgentRepository agents = new AgentRepository(connection);
            agents.useNonce(request);
            String cardText = new String(card.raw(), StandardCharsets.UTF_8);
            if (isNew) {
                if (!agents.register(agent, cardText)) {
                    throw Problems.of(409, "already-registered", "Agent already registered",
                            agent.agentId() + " is registered; update it with PUT or deregister it first");
                }
                Outbox.append(connection, agent.agentId(), AgentEvents.registered(agent));
            } else {
                if (!agents.update(agent, cardText)) {
                    throw Problems.of(409, "agent-deregistered", "Agent deregistered",
                            agent.agentId() + " was deregistered meanwhile");
                }
                Outbox.append(connection, agent.agentId(), AgentEvents.updated(agent));
            }
        }
    }

    private long price(ObjectNode body) {
        JsonNode price = body.get("price");
        if (price == null || !price.isIntegralNumber() || !price.canConvertToLong()) {
            throw Problems.invalid("price is required: a whole number of micro-units per task");
        }
        if (price.asLong() < 0 || price.asLong() > config.maxPrice()) {
            throw Problems.invalid("price must be between 0 and " + config.maxPrice());
        }
        return price.asLong();
    }
}
