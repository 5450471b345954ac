package io.lode.gateway.account;

import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;

import io.lode.gateway.GatewayConfig;
import io.lode.throttle.KeyedRateLimiter;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The one check of an API key, for the proxied routes and the gateway's own: whose key it is, and whether its sender
 * has been guessing. Unknown or revoked keys are counted per client address; past
 * {@code lode.gateway.rate-limit.unknown-keys-per-minute} that address gets 429 before any lookup, so a key guesser
 * costs the database nothing and cannot slow other clients' valid keys. Known keys never count.
 */
@ApplicationScoped
public class ApiKeyCheck {

    private final AccountRepository accounts;
    private final KeyedRateLimiter unknownKeys;
    private final int unknownKeysPerMinute;

    public ApiKeyCheck(AccountRepository accounts, GatewayConfig config) {
        this.accounts = accounts;
        this.unknownKeysPerMinute = config.rateLimit().unknownKeysPerMinute();
        this.unknownKeys = new KeyedRateLimiter(unknownKeysPerMinute, 100_000, System::nanoTime);
    }

    /** How long {@code clientAddress} must wait before trying a key again, if it has tried too many unknown ones. */
    public Optional<Duration> guessing(String clientAddress) {
        return unknownKeys.exhausted(clientAddress);
    }

    /** The account of an unrevoked key; an unknown one counts against {@code clientAddress}. Blocking. */
    public Optional<String> accountOf(String key, String clientAddress) throws SQLException {
        Optional<String> account = accounts.accountOf(key);
        if (account.isEmpty()) {
            unknownKeys.acquire(clientAddress);
        }
        return account;
    }

    /** The 429 problem for an address that is guessing, as the gateway's own resources throw it. */
    public io.quarkiverse.resteasy.problem.HttpProblem guessingProblem(Duration wait) {
        return Problems.builder(429, "unknown-keys-rate-limited", "Too many unknown API keys", guessingDetail())
                .withHeader("Retry-After", Long.toString(retryAfterSeconds(wait))).build();
    }

    public String guessingDetail() {
        return "at most " + unknownKeysPerMinute + " unknown or revoked API keys a minute from one address";
    }

    public static long retryAfterSeconds(Duration wait) {
        return Math.max(1, (wait.toMillis() + 999) / 1000);
    }

    /** The account of a valid key from {@code authorization}, else a 401 (or 429 for a guesser) problem. */
    public String authenticate(String authorization, String clientAddress) throws SQLException {
        String key = ApiKeys.fromAuthorization(authorization);
        if (key != null) {
            Optional<Duration> wait = guessing(clientAddress);
            if (wait.isPresent()) {
                throw guessingProblem(wait.get());
            }
        }
        String accountId = key == null ? null : accountOf(key, clientAddress).orElse(null);
        if (accountId == null) {
            throw Problems.unauthenticated("API key required", key == null
                    ? "send Authorization: Bearer <apiKey> (create one with POST /v1/accounts)"
                    : "this API key is unknown or revoked", "lode");
        }
        return accountId;
    }
}
