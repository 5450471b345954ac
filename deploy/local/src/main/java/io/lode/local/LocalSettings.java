package io.lode.local;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where the local network keeps its data and which ports it uses. Defaults suit one developer machine;
 * tests pass free ports and a temporary folder.
 */
public record LocalSettings(Path repoRoot, Path dataDir, boolean fresh, boolean logToConsole, int gatewayPort,
                            int registryPort, int orchestratorPort, int verifierPort, int rewardPort, int kafkaPort,
                            int controllerPort, int postgresPort, int agentPort, long startingCredits,
                            long agentPrice, String epochLength) {

    public static LocalSettings defaults(Path repoRoot) {
        return new LocalSettings(repoRoot, repoRoot.resolve(".lode/data"), false, true, 8080, 8181, 8182, 8183, 8184,
                19092, 19093, 15432, 8190, 100_000_000L, 1_000L, "60s");
    }

    /** Every port with the component that needs it, in start order. */
    public Map<String, Integer> ports() {
        Map<String, Integer> ports = new LinkedHashMap<>();
        ports.put("PostgreSQL", postgresPort);
        ports.put("Kafka", kafkaPort);
        ports.put("Kafka controller", controllerPort);
        ports.put("reward-service", rewardPort);
        ports.put("registry-service", registryPort);
        ports.put("verifier-service", verifierPort);
        ports.put("orchestrator-service", orchestratorPort);
        ports.put("gateway-service", gatewayPort);
        ports.put("arithmetic agent", agentPort);
        return ports;
    }

    public String gatewayUrl() {
        return "http://127.0.0.1:" + gatewayPort;
    }
}
