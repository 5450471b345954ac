package io.lode.registry.registration;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.lode.events.agents.AgentRegistered;
import io.lode.events.agents.AgentUpdated;
import io.lode.events.outbox.Outbox;
import io.lode.identity.AgentId;
import io.lode.registry.Problems;
import io.lode.registry.RegistryConfig;
import io.lode.registry.signing.SignedAgentRequest;
import io.quarkiverse.resteasy.problem.HttpProblem;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/**
 * Permissionless registration and signed updates: the agent card (fetched through the SSRF guard) must name the
 * signing key, and the endpoint's own origin must vouch for that key; the agent, its embedded skills and the event
 * announcing it are stored in one transaction.
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
        store(request, agent, described.card(), null, List.of());
        return agent;
    }

    /**
     * A new card, endpoint or price for an existing agent, announced as AgentUpdated. The skill ids may not change:
     * skills are what the exam checked, so new ones need a new registration (and exam). A change the exam did not
     * see — the endpoint on another origin, a skill whose meaning moved — makes an ACTIVE or PENDING agent PENDING
     * until a fresh exam passes.
     */
    public AgentRecord update(SignedAgentRequest request) throws SQLException {
        Described described = describe(request);
        Examined examined = find(request.agentId());
        AgentRecord current = examined.agent();
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
        List<String> examReasons = ExamTriggers.reasons(current, examined.skillVectors(), agent,
                config.skillChangeMinSimilarity());
        if (!examReasons.isEmpty()) {
            switch (current.status()) {
                case "ACTIVE", "PENDING" -> agent = agent.withStatus("PENDING", examReasons);
                case "EXPIRED" -> throw Problems.of(409, "agent-expired", "Agent expired",
                        request.agentId() + " expired; renew it before a change that needs a new exam ("
                                + String.join("; ", examReasons) + ")");
                // SUSPENDED and REJECTED agents receive no work; a new exam would be a way out of a suspension.
                default -> examReasons = List.of();
            }
        }
        store(request, agent, described.card(), current, examReasons);
        return agent;
    }

    /**
     * Why the agent's card no longer proves that its key controls its endpoint, read again from where it was
     * registered (renewal): the card names another key or another endpoint, or the endpoint's origin serves a card
     * of another key. Empty when it still holds; a card that cannot be fetched is a 422 problem, nothing changes.
     */
    public Optional<String> ownershipLapse(AgentRecord agent) {
        URI cardUrl = URI.create(agent.cardUrl());
        AgentCard card = cards.fetch(cardUrl).card();
        if (!agent.publicKey().equals(card.identityKey())) {
            return Optional.of("the card at " + cardUrl + " no longer names the agent's key");
        }
        if (!agent.endpoint().equals(card.endpoint())) {
            return Optional.of("the card at " + cardUrl + " names endpoint " + card.endpoint() + ", not the registered "
                    + agent.endpoint() + "; move an endpoint with a signed update");
        }
        try {
            requireEndpointControl(agent.publicKey(), agent.endpoint(), cardUrl);
            return Optional.empty();
        } catch (HttpProblem problem) {
            if (problem.getStatusCode() == 403) {
                return Optional.of(problem.getDetail());
            }
            throw problem;
        }
    }

    /** The agent as stored, and the skill vectors its exam saw. */
    private record Examined(AgentRecord agent, List<float[]> skillVectors) {
    }

    private Examined find(String agentId) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            AgentRepository agents = new AgentRepository(connection);
            AgentRecord agent = agents.find(agentId).orElseThrow(() -> AgentResource.unknown(agentId));
            return new Examined(agent, agents.examinedSkillVectors(agentId));
        }
    }

    /** What the request and the card say about the agent, checked. */
    private record Described(SignedAgentRequest request, CardFetcher.FetchedCard card, long price,
                             List<float[]> vectors, Instant expiresAt) {

        AgentRecord agent(String status, Instant registeredAt) {
            AgentCard parsed = card.card();
            return new AgentRecord(request.agentId(), request.publicKey(), parsed.name(),
                    request.body().get("cardUrl").asText(), parsed.endpoint(), parsed.protocolVersion(), parsed.streaming(), price,
                    status, List.of(), null, List.of(), parsed.skills(), vectors, AgentId.sha256Hex(card.raw()), registeredAt,
                    Instant.now(), expiresAt, null, 0, true);
        }
    }

    private Described describe(SignedAgentRequest request) {
        ObjectNode body = request.body();
        long price = price(body);
        CardFetcher.FetchedCard fetched;
        URI cardUrl;
        if (body.has("card") == body.has("cardUrl")) {
            throw Problems.invalid("send either cardUrl (the card is fetched from there) or card (inline)");
        } else if (body.has("card")) {
            fetched = cards.inline(body.get("card"));
            // An inline card comes from no server, so it proves nothing: the endpoint's own card must name the key.
            cardUrl = CardFetcher.wellKnownCardOf(fetched.card().endpoint());
            body.put("cardUrl", cardUrl.toString());
        } else {
            cardUrl = CardFetcher.url(Problems.requiredText(body, "cardUrl"), "cardUrl");
            fetched = cards.fetch(cardUrl);
        }
        AgentCard card = fetched.card();
        requireKey(request.publicKey(), card, cardUrl);
        if (body.hasNonNull("endpoint") && !body.get("endpoint").asText().equals(card.endpoint())) {
            throw Problems.invalid("endpoint " + body.get("endpoint").asText() + " differs from the card's "
                    + card.endpoint());
        }
        cards.checkEndpoint(card.endpoint());
        requireEndpointControl(request.publicKey(), card.endpoint(), body.has("card") ? null : cardUrl);
        return new Described(request, fetched, price, embeddings.embed(card.skills()),
                Instant.now().plus(config.registrationTtl()).truncatedTo(ChronoUnit.MICROS));
    }

    private static void requireKey(String publicKey, AgentCard card, URI cardUrl) {
        if (!publicKey.equals(card.identityKey())) {
            throw Problems.of(403, "card-key-mismatch", "Agent card does not name this key",
                    card.identityKey() == null
                            ? "the card at " + cardUrl + " lacks the " + AgentCard.IDENTITY_EXTENSION
                                    + " extension with params.publicKey"
                            : "the card at " + cardUrl + " names another key; only its owner can register it");
        }
    }

    /**
     * Only whoever controls the endpoint's server may have it called and paid: a card naming the key must come from
     * the endpoint's own origin. A card fetched from that origin already does; otherwise (a card hosted elsewhere,
     * or sent inline) the origin's well-known card must name the same key. A card on the attacker's server naming
     * someone else's endpoint is refused here.
     */
    private void requireEndpointControl(String publicKey, String endpoint, URI servedFrom) {
        if (servedFrom != null && Origins.same(servedFrom.toString(), endpoint)) {
            return;
        }
        URI wellKnown = CardFetcher.wellKnownCardOf(endpoint);
        AgentCard card = cards.fetch(wellKnown).card();
        if (!publicKey.equals(card.identityKey())) {
            throw Problems.of(403, "endpoint-not-controlled", "Endpoint not controlled by this key",
                    "the endpoint " + endpoint + " is on an origin whose card (" + wellKnown + ") "
                            + (card.identityKey() == null ? "names no key" : "names another key")
                            + "; serve the card from the endpoint's own origin, or its " + CardFetcher.WELL_KNOWN_PATH
                            + " must name this key");
        }
    }

    /**
     * Stores the agent and announces it; {@code previous} is the agent before an update (null for a registration).
     * A registration, or an update with {@code examReasons}, names its event as the one whose exam decides the agent.
     */
    @Transactional
    void store(SignedAgentRequest request, AgentRecord agent, CardFetcher.FetchedCard card, AgentRecord previous,
               List<String> examReasons) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            AgentRepository agents = new AgentRepository(connection);
            agents.useNonce(request);
            String cardText = new String(card.raw(), StandardCharsets.UTF_8);
            if (previous == null) {
                AgentRegistered registered = AgentEvents.registered(agent);
                if (!agents.register(agent, cardText, registered.getEnvelope().getEventId(),
                        config.rejectedCoolDown())) {
                    Optional<Instant> again = agents.registrableAgainAt(agent.agentId(), config.rejectedCoolDown());
                    if (again.isPresent()) {
                        long seconds = Math.max(1, java.time.Duration.between(Instant.now(), again.get()).toSeconds());
                        throw Problems.builder(409, "rejected-cool-down", "Rejected agent cooling down",
                                agent.agentId() + " failed its exam; it may register again (and be examined afresh) "
                                        + "from " + again.get() + ", " + config.rejectedCoolDown() + " after the rejection")
                                .withHeader("Retry-After", seconds).build();
                    }
                    throw Problems.of(409, "already-registered", "Agent already registered",
                            agent.agentId() + " is registered; update it with PUT or deregister it first");
                }
                Outbox.append(connection, agent.agentId(), registered);
                return;
            }
            AgentUpdated updated = AgentEvents.updated(agent, examReasons);
            if (!agents.update(agent, cardText)) {
                throw Problems.of(409, "agent-deregistered", "Agent deregistered",
                        agent.agentId() + " was deregistered meanwhile");
            }
            if (!examReasons.isEmpty()) {
                agents.awaitExam(agent.agentId(), previous.status(), examReasons, updated.getEnvelope().getEventId());
                if (!previous.status().equals("PENDING")) {
                    // Before the new endpoint is announced, so routing never calls it unexamined.
                    Outbox.append(connection, agent.agentId(), AgentEvents.statusChanged(agent.agentId(),
                            previous.status(), "PENDING", examReasons, null));
                }
            }
            Outbox.append(connection, agent.agentId(), updated);
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
