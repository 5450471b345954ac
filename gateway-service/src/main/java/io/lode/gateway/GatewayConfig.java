package io.lode.gateway;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Settings of the gateway ({@code LODE_GATEWAY_*} in the environment). */
@ConfigMapping(prefix = "lode.gateway")
public interface GatewayConfig {

    /** Credits, in micro-units, granted to each new account; 0 in production, where the admin API deposits. */
    @WithDefault("0")
    long startingCredits();

    /**
     * Whether anyone may open an account with {@code POST /v1/accounts} (the local network); off, only a caller with
     * the admin token may (production: the chart turns it off).
     */
    @WithDefault("true")
    boolean selfServeAccounts();

    /** SHA-256 (hex) of the operator's admin token; without it nobody may use the admin API. */
    java.util.Optional<String> adminTokenSha256();

    /** How long account creation waits for the ledger to show the new account. */
    @WithDefault("10s")
    Duration ledgerWait();

    Backends backends();

    /**
     * The gateway's public base URL ({@code https://lode.example.org}), named by the network's agent card; unset (a
     * local network), the card names the address its caller used.
     */
    java.util.Optional<String> publicUrl();

    /**
     * Addresses or CIDR ranges of the proxies in front of the gateway (an ingress, a load balancer) whose
     * {@code X-Forwarded-For} is believed; unset, the connection's peer is the client. Never set it to a range clients
     * can connect from: they could then name any address as theirs.
     */
    java.util.Optional<java.util.List<String>> trustedProxies();

    /** Largest request body forwarded, in bytes. */
    @WithDefault("262144")
    int maxBodyBytes();

    /** Time a backend may take to answer; task calls with ?wait may take up to their deadline. */
    @WithDefault("30s")
    Duration backendTimeout();

    @WithDefault("135s")
    Duration taskBackendTimeout();

    RateLimit rateLimit();

    Timeouts timeouts();

    /**
     * How long a client may take to send a request (408 problem+json and the connection closed beyond): no
     * connection is held for nothing. Answers are bounded by the backend timeouts instead.
     */
    interface Timeouts {
        /**
         * From a connection opening, or its previous answer ending, to the request's last header line; an idle
         * keep-alive connection is closed after it too.
         */
        @WithDefault("15s")
        Duration header();

        /** From the request's headers to the last byte of its body. */
        @WithDefault("30s")
        Duration body();
    }

    /** Requests per API key (every authenticated route): a token bucket; 429 with Retry-After beyond it. */
    interface RateLimit {
        @WithDefault("600")
        int requestsPerMinute();

        /**
         * Unknown or revoked API keys per client address a minute: beyond it, requests with a key from that address
         * are 429 with Retry-After before the key is looked up, so guessing keys costs the database nothing and
         * cannot slow other clients' valid keys.
         */
        @WithDefault("30")
        int unknownKeysPerMinute();

        /**
         * Long-polls ({@code ?wait=}) and event streams one account may hold at once; beyond it 429
         * {@code too-many-waits}. They have a backend pool of their own, so they never hold ordinary calls up.
         */
        @WithDefault("16")
        int waitsPerAccount();

        /**
         * Ordinary requests (not long-polls or streams) one account may have in flight at once; beyond it 429
         * {@code too-many-concurrent-requests}, so that one account cannot hold every backend connection the gateway
         * has (64 per service) however fast its rate allowance lets it send.
         */
        @WithDefault("16")
        int concurrentPerAccount();
    }

    Quota quota();

    Push push();

    /** A2A push notifications: webhooks the gateway posts a task's updates to. */
    interface Push {
        /**
         * Addresses or CIDR ranges webhooks may be at although the SSRF guard blocks them (comma-separated, as the
         * registry's egress allow-list); empty: public addresses only.
         */
        java.util.Optional<java.util.List<String>> egressAllowList();

        /** Webhooks one task may have. */
        @WithDefault("5")
        int perTask();

        /** Deliveries of one update tried before the webhook is given up (backoff 1 s, 2 s, 4 s… up to 5 min). */
        @WithDefault("8")
        int attempts();

        /** Time a webhook may take to answer. */
        @WithDefault("10s")
        Duration timeout();
    }

    /** Task submissions per account and UTC day; 0 means no quota. */
    interface Quota {
        @WithDefault("0")
        int tasksPerDay();
    }

    /** Base URLs of the services the gateway routes to. */
    interface Backends {
        @WithDefault("http://127.0.0.1:8181")
        String registry();

        @WithDefault("http://127.0.0.1:8182")
        String orchestrator();

        @WithDefault("http://127.0.0.1:8184")
        String reward();

        @WithDefault("http://127.0.0.1:8183")
        String verifier();
    }
}
