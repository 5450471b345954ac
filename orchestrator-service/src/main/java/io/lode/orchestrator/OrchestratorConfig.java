package io.lode.orchestrator;

import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Settings of the orchestrator ({@code LODE_ORCHESTRATOR_*} in the environment). */
@ConfigMapping(prefix = "lode.orchestrator")
public interface OrchestratorConfig {

    /** maxPrice of a task that names none, in micro-units. */
    @WithDefault("1000000")
    long defaultMaxPrice();

    @WithDefault("30000")
    long defaultDeadlineMs();

    /** Largest agent reply read, in bytes. */
    @WithDefault("1048576")
    int maxReplyBytes();

    @WithDefault("16")
    int maxConnectionsPerAgent();

    /** Calls one agent may have in flight from this process; more wait in a queue of the same size. */
    @WithDefault("16")
    int maxConcurrentCallsPerAgent();

    /** Calls of one consumer task: the first, plus a retry on the next-best agent after a failure or timeout. */
    @WithDefault("2")
    int maxAttempts();

    /**
     * Time kept back from a first call for a retry (a first call may take the rest of the deadline less this); a
     * retry is made only if at least half of it is left.
     */
    @WithDefault("2s")
    java.time.Duration retryReserve();

    /**
     * How long after its deadline a task whose answer came in time waits for the verifier's verdict before it
     * expires: the deadline is the agent's, and a verifier that is down or behind must not void answers given on time.
     */
    @WithDefault("5m")
    java.time.Duration verdictTimeout();

    LoadShedding loadShedding();

    /**
     * Disputes one account may open a minute (POST /v1/tasks/{id}/dispute): each costs the network a panel of judges.
     * Over it: 429 with Retry-After.
     */
    @WithDefault("10")
    int disputesPerAccountPerMinute();

    /** Load shedding: consumer tasks are refused (503) while the network is behind, rather than queued. */
    interface LoadShedding {
        /** How long a task may wait on the network (for its escrow, its routing or its verdict) and not be late. */
        @WithDefault("5s")
        java.time.Duration maxQueueDelay();

        /** Late tasks the network may have and still take new consumer tasks. */
        @WithDefault("20")
        int maxLateTasks();

        /** What a refusal's Retry-After says. */
        @WithDefault("2s")
        java.time.Duration retryAfter();
    }

    Breaker breaker();

    /** The per-agent circuit breaker (SmallRye Fault Tolerance). */
    interface Breaker {
        /** Calls in the rolling window the failure ratio is measured over. */
        @WithDefault("4")
        int window();

        @WithDefault("0.5")
        double failureRatio();

        /** How long an open breaker keeps the agent out of routing before a trial call. */
        @WithDefault("30s")
        java.time.Duration delay();
    }

    Routing routing();

    /** The routing policy; the formula is in {@link io.lode.orchestrator.routing.Router}. */
    interface Routing {
        @WithDefault("0.55")
        double similarityWeight();

        @WithDefault("0.2")
        double reputationWeight();

        @WithDefault("0.1")
        double priceWeight();

        @WithDefault("0.1")
        double latencyWeight();

        @WithDefault("0.05")
        double loadWeight();

        /** Least similarity of task and skill for a task that names no skill. */
        @WithDefault("0.15")
        double minSimilarity();

        /** Share of tasks that go first to the best agent in probation while proven agents could take them. */
        @WithDefault("0.1")
        double explorationShare();

        /**
         * Similarity relative to the best eligible agent's at which an agent counts as matching the task: only matching
         * agents take redundancy slots and exploration, and they rank before all others (proof of quality never
         * outranks a far better match).
         */
        @WithDefault("0.8")
        double matchRatio();

        /** How often routing's in-memory copy of agent_view checks for another replica's changes. */
        @WithDefault("250ms")
        java.time.Duration catalogCheck();

        /** Seeds the exploration draws: the same seed and task id route the same way. */
        @WithDefault("0")
        long seed();

        default io.lode.orchestrator.routing.Router.Policy policy() {
            return new io.lode.orchestrator.routing.Router.Policy(similarityWeight(), reputationWeight(),
                    priceWeight(), latencyWeight(), loadWeight(), minSimilarity(), explorationShare(),
                    seed(), matchRatio());
        }
    }

    /** Addresses or CIDR ranges agents may live at although the SSRF guard blocks them (local network: 127.0.0.1). */
    Optional<List<String>> egressAllowList();
}
