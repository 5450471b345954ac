package io.lode.registry.registration;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.lode.egress.BlockedDestinationException;
import io.lode.egress.GuardedHttpClient;
import io.lode.egress.HttpReply;
import io.lode.egress.SsrfGuard;
import io.lode.registry.Problems;
import io.lode.registry.RegistryConfig;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Fetches agent cards through the SSRF guard, bounded in size and time, and checks that an endpoint is one Lode
 * may call; every failure is a 422 problem naming the cause.
 */
@ApplicationScoped
public class CardFetcher {

    private static final ObjectMapper JSON = new ObjectMapper();
    public static final String WELL_KNOWN_PATH = "/.well-known/agent-card.json";

    private final RegistryConfig config;
    private final SsrfGuard guard;
    private final GuardedHttpClient http;

    public CardFetcher(RegistryConfig config, Vertx vertx) {
        this.config = config;
        this.guard = new SsrfGuard(config.egressAllowList().orElse(List.of()));
        this.http = new GuardedHttpClient(vertx, guard, 4);
    }

    /** A card as parsed, and its bytes as served (their digest is kept). */
    public record FetchedCard(AgentCard card, byte[] raw) {
    }

    public FetchedCard fetch(URI cardUrl) {
        long started = System.nanoTime();
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
                throw Problems.of(422, "blocked-destination", "Card URL not reachable from Lode", cause.getMessage());
            }
            throw unreachable(cardUrl, cause.toString(), started);
        }
        if (reply.status() != 200) {
            throw unreachable(cardUrl, "HTTP " + reply.status(), started);
        }
        try {
            return new FetchedCard(AgentCard.parse(JSON.readTree(reply.body())), reply.body());
        } catch (IOException e) {
            throw unreachable(cardUrl, "not JSON", started);
        } catch (AgentCard.InvalidCardException e) {
            throw Problems.of(422, "invalid-card", "Invalid agent card", e.getMessage());
        }
    }

    /**
     * One answer for every way a fetch can fail — refused, timed out, cut off, an HTTP error, not JSON — so that
     * registration cannot be used to tell closed, filtered and answering ports apart (a port scanner with Lode's
     * address). The real cause goes to the debug log only. Nor can the time tell them apart: a refused port answers
     * at once, a filtered one at the deadline, so every failure is answered at the deadline (registrations are
     * rate-limited per key and address, which bounds the threads this holds).
     */
    private io.quarkiverse.resteasy.problem.HttpProblem unreachable(URI cardUrl, String cause, long started) {
        io.quarkus.logging.Log.debugf("card fetch from %s failed: %s", cardUrl, cause);
        long early = config.cardFetchTimeout().toNanos() - (System.nanoTime() - started);
        if (early > 0) {
            try {
                java.util.concurrent.TimeUnit.NANOSECONDS.sleep(early);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return Problems.of(422, "card-unreachable", "Agent card could not be fetched", "no agent card could be "
                + "fetched from " + cardUrl + ": Lode expects an HTTP 200 answer holding a JSON card of at most "
                + config.maxCardBytes() + " bytes within " + config.cardFetchTimeout().toMillis() + " ms");
    }

    /** A card sent in the request itself; its canonical JSON is what is kept and digested. */
    public FetchedCard inline(JsonNode card) {
        try {
            byte[] raw = JSON.writeValueAsBytes(card);
            if (raw.length > config.maxCardBytes()) {
                throw Problems.of(422, "invalid-card", "Invalid agent card", "the inline card has " + raw.length
                        + " bytes; the limit is " + config.maxCardBytes());
            }
            return new FetchedCard(AgentCard.parse(card), raw);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (AgentCard.InvalidCardException e) {
            throw Problems.of(422, "invalid-card", "Invalid agent card", e.getMessage());
        }
    }

    /** Where A2A says the agent at {@code endpoint} serves its card: its origin's well-known path. */
    public static URI wellKnownCardOf(String endpoint) {
        URI uri = url(endpoint, "the card's endpoint");
        return URI.create(uri.getScheme() + "://" + uri.getRawAuthority() + WELL_KNOWN_PATH);
    }

    /** Refuses an endpoint the SSRF guard blocks, before anything is stored. */
    public void checkEndpoint(String endpoint) {
        try {
            guard.resolve(url(endpoint, "the card's endpoint"));
        } catch (BlockedDestinationException e) {
            throw Problems.of(422, "blocked-destination", "Endpoint not reachable from Lode", e.getMessage());
        }
    }

    public static URI url(String text, String field) {
        try {
            URI uri = new URI(text);
            if (uri.getHost() == null || !(text.startsWith("http://") || text.startsWith("https://"))) {
                throw Problems.invalid(field + " must be an absolute http(s) URL");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw Problems.invalid(field + " is not a valid URL");
        }
    }
}
