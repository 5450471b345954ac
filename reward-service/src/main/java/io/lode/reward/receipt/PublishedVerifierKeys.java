package io.lode.reward.receipt;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;

import io.lode.identity.VerifierKeyring;
import io.lode.reward.escrow.RewardConfig;
import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The keys the verifier publishes at {@code lode.reward.verifier-keys-url} (its {@code /v1/verifier/keys}), read
 * on first use and again when a receipt names a key the ring does not know — a rotation — but at most once per
 * {@link #REFRESH_AT_MOST_EVERY}, so forged receipts naming made-up keys cannot make the ledger hammer the
 * verifier. A verifier that cannot be reached fails the event, which the consumer retries: a payment is never
 * refused because the key list was out of reach.
 */
@ApplicationScoped
@DefaultBean
public class PublishedVerifierKeys implements VerifierKeySource {

    static final Duration REFRESH_AT_MOST_EVERY = Duration.ofSeconds(2);
    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final int MAX_BYTES = 256 * 1024;

    private final URI url;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT)
            .followRedirects(HttpClient.Redirect.NEVER).build();
    private VerifierKeyring ring;
    private Instant fetchedAt = Instant.EPOCH;

    public PublishedVerifierKeys(RewardConfig config) {
        this.url = URI.create(config.verifierKeysUrl());
    }

    @Override
    public synchronized VerifierKeyring ringFor(String publicKey) {
        boolean mayRefresh = Instant.now().isAfter(fetchedAt.plus(REFRESH_AT_MOST_EVERY));
        if (ring == null || (!ring.knows(publicKey) && mayRefresh)) {
            ring = fetch();
            fetchedAt = Instant.now();
        }
        return ring;
    }

    private VerifierKeyring fetch() {
        try {
            HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(url).timeout(TIMEOUT)
                    .header("Accept", "application/json").GET().build(), HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() != 200 || response.body().length > MAX_BYTES) {
                throw new IllegalStateException("the verifier's keys at " + url + " answered "
                        + response.statusCode() + " (" + response.body().length + " bytes)");
            }
            return VerifierKeyring.parse(new String(response.body(), java.nio.charset.StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the verifier's keys at " + url + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted reading the verifier's keys", e);
        }
    }
}
