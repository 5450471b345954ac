package io.lode.registry.ratelimit;

import java.time.Duration;
import java.util.Optional;

import io.lode.registry.Problems;
import io.lode.registry.RegistryConfig;
import io.lode.throttle.KeyedRateLimiter;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Bounds signed agent requests per client address (checked first, before any work) and per agent key (checked
 * once the signature proves the key, so nobody can spend another key's budget). Over the limit: 429 with
 * Retry-After.
 */
@ApplicationScoped
public class RegistrationRateLimits {

    private static final int MAX_TRACKED = 100_000;

    private final KeyedRateLimiter perAddress;
    private final KeyedRateLimiter perKey;

    public RegistrationRateLimits(RegistryConfig config) {
        this.perAddress = new KeyedRateLimiter(config.rateLimit().perAddressPerMinute(), MAX_TRACKED, System::nanoTime);
        this.perKey = new KeyedRateLimiter(config.rateLimit().perKeyPerMinute(), MAX_TRACKED, System::nanoTime);
    }

    public void checkAddress(String address) {
        check(perAddress.acquire(address), "address " + address);
    }

    public void checkKey(String agentId) {
        check(perKey.acquire(agentId), "the key of " + agentId);
    }

    private static void check(Optional<Duration> wait, String who) {
        if (wait.isPresent()) {
            long seconds = Math.max(1, (wait.get().toMillis() + 999) / 1000);
            throw Problems.builder(429, "rate-limited", "Too many requests",
                    "too many signed agent requests from " + who + "; retry in " + seconds + " s")
                    .withHeader("Retry-After", seconds).build();
        }
    }
}
