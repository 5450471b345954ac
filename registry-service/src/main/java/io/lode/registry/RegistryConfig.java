package io.lode.registry;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Settings of the registry ({@code LODE_REGISTRY_*} in the environment). */
@ConfigMapping(prefix = "lode.registry")
public interface RegistryConfig {

    /** Largest agent card read, in bytes. */
    @WithDefault("65536")
    int maxCardBytes();

    @WithDefault("5s")
    Duration cardFetchTimeout();

    /** How far ahead a signed request may expire; bounds how long its nonce must be remembered. */
    @WithDefault("15m")
    Duration maxRequestLifetime();

    /** How long a registration lives without renewal. */
    @WithDefault("24h")
    Duration registrationTtl();

    @WithDefault("1000000000000")
    long maxPrice();

    /** How long an agent's reputation over time is kept (hourly points), for its page. */
    @WithDefault("90d")
    Duration reputationHistory();

    /** How often lapsed registrations are moved to EXPIRED. */
    @WithDefault("30s")
    Duration expirySweepInterval();

    RateLimit rateLimit();

    /**
     * An update whose skill embedding has a cosine similarity below this to the examined one changed what the skill
     * means, and is examined again before the agent receives work.
     */
    @WithDefault("0.9")
    double skillChangeMinSimilarity();

    /**
     * How long after its exam rejected it an agent may register again with the same key (and be examined afresh);
     * deregistering meanwhile does not shorten it, so failing exams cannot be retried in a loop.
     */
    @WithDefault("10m")
    java.time.Duration rejectedCoolDown();

    /** Below this overall reputation an ACTIVE agent is SUSPENDED (it receives no more work)... */
    @WithDefault("0.3")
    double reputationFloor();

    /** ...once at least this many verdicts stand behind the score, so one early failure does not suspend. */
    @WithDefault("10")
    long reputationMinVerdicts();

    /** Signed agent requests (register, update, renew, deregister) allowed a minute. */
    interface RateLimit {
        /** Per client address, as forwarded by the gateway. */
        @WithDefault("30")
        int perAddressPerMinute();

        @WithDefault("10")
        int perKeyPerMinute();
    }

    /** Addresses or CIDR ranges allowed although the SSRF guard blocks them (local network: 127.0.0.1). */
    Optional<List<String>> egressAllowList();
}
