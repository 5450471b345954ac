package io.lode.gateway.account;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.lode.gateway.GatewayConfig;
import io.lode.gateway.proxy.ReverseProxy;
import io.lode.identity.GatewayProofs;
import jakarta.enterprise.context.ApplicationScoped;

/** Read-only calls to the reward service's ledger (a trusted internal backend, not a user URL). */
@ApplicationScoped
public class LedgerClient {

    private final ObjectMapper json;
    private static final Duration POLL = Duration.ofMillis(50);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final GatewayConfig config;
    private final GatewayProofs proofs;

    public LedgerClient(GatewayConfig config, @ConfigProperty(name = "lode.gateway-proof.secret") String proofSecret,
                        ObjectMapper json) {
        this.json = json;
        this.config = config;
        this.proofs = new GatewayProofs(proofSecret);
    }

    /**
     * The account's balance view, or empty while the ledger does not know the account. Asked as the account
     * itself (its balance is private), with the gateway's proof.
     */
    public Optional<JsonNode> balance(String accountId) throws IOException, InterruptedException {
        String target = "/v1/ledger/accounts/" + accountId;
        HttpRequest request = HttpRequest.newBuilder(URI.create(config.backends().reward() + target))
                .header(ReverseProxy.ACCOUNT_HEADER, accountId)
                .header(GatewayProofs.HEADER, proofs.sign(Instant.now(), "GET", target, accountId, null))
                .timeout(Duration.ofSeconds(5)).GET().build();
        HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() == 404) {
            return Optional.empty();
        }
        if (response.statusCode() != 200) {
            throw new IOException("ledger answered HTTP " + response.statusCode());
        }
        return Optional.of(json.readTree(response.body()));
    }

    /** Waits until the ledger knows the account; false if it did not within the configured time. */
    public boolean awaitAccount(String accountId) throws InterruptedException {
        Instant deadline = Instant.now().plus(config.ledgerWait());
        while (Instant.now().isBefore(deadline)) {
            try {
                if (balance(accountId).isPresent()) {
                    return true;
                }
            } catch (IOException e) {
                // The reward service may be starting; keep trying until the deadline.
            }
            CompletableFuture.runAsync(() -> { }, CompletableFuture.delayedExecutor(POLL.toMillis(),
                    TimeUnit.MILLISECONDS)).join();
        }
        return false;
    }
}
