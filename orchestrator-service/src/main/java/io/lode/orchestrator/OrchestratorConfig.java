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

    /** Addresses or CIDR ranges agents may live at although the SSRF guard blocks them (local network: 127.0.0.1). */
    Optional<List<String>> egressAllowList();
}
