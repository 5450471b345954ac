package io.lode.local;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import io.lode.testsupport.infra.FreePorts;

/**
 * Where the local network keeps its data and which ports it uses. Defaults suit one developer machine;
 * tests pass free ports and a temporary folder.
 */
public record LocalSettings(Path repoRoot, Path dataDir, boolean fresh, boolean logToConsole, int gatewayPort,
                            int registryPort, int orchestratorPort, int verifierPort, int rewardPort, int kafkaPort,
                            int controllerPort, int postgresPort, int agentPort, long startingCredits,
                            long agentPrice, String epochLength, Map<String, String> serviceEnv,
                            Map<String, Integer> managementPorts, int exampleJudges) {

    /**
     * Example judges {@code ./lode-local} starts: three reference judges (ROT13 and arithmetic), the fewest that
     * form a panel, so a newcomer's agent of a skill no checker covers can pass its exam by panel and earn.
     */
    public static final int EXAMPLE_JUDGES = 3;

    public static LocalSettings defaults(Path repoRoot) {
        return new LocalSettings(repoRoot, repoRoot.resolve(".lode/data"), false, true, 8080, 8181, 8182, 8183, 8184,
                19092, 19093, 15432, 8190, 100_000_000L, 1_000L, "60s", Map.of(), Map.of("gateway-service", 9080,
                        "registry-service", 9181, "orchestrator-service", 9182, "verifier-service", 9183,
                        "reward-service", 9184), EXAMPLE_JUDGES);
    }

    /**
     * A network for a test: free ports, a fresh data folder, quiet, no example judges (a test that needs judges
     * registers its own); {@code serviceEnv} tunes every service.
     */
    public static LocalSettings forTest(Path repoRoot, Path dataDir, long startingCredits, long agentPrice,
                                        String epochLength, Map<String, String> serviceEnv) {
        return new LocalSettings(repoRoot, dataDir, true, false, FreePorts.any(), FreePorts.any(), FreePorts.any(),
                FreePorts.any(), FreePorts.any(), FreePorts.any(), FreePorts.any(), FreePorts.any(), FreePorts.any(),
                startingCredits, agentPrice, epochLength, serviceEnv, Map.of("gateway-service", FreePorts.any(),
                        "registry-service", FreePorts.any(), "orchestrator-service", FreePorts.any(),
                        "verifier-service", FreePorts.any(), "reward-service", FreePorts.any()), 0);
    }

    /** The port of example judge {@code n} (1-based): right after the demo agent's. */
    public int judgePort(int n) {
        return agentPort + n;
    }

    /** Where a service serves health and metrics: its management interface, apart from its API port. */
    public int managementPort(String service) {
        return managementPorts.get(service);
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
        for (int n = 1; n <= exampleJudges; n++) {
            ports.put("example judge " + n, judgePort(n));
        }
        managementPorts.forEach((service, port) -> ports.put(service + " (health, metrics)", port));
        return ports;
    }

    /**
     * Where the registry and the orchestrator may reach on this machine: the demo agent's and example judges' ports and the ports the
     * operating system hands out to agents started on a free port (32768 and up), never a port of the network
     * itself — so a card or an endpoint cannot point at the services, the broker or the database.
     */
    public String egressAllowList() {
        java.util.TreeSet<Integer> own = new java.util.TreeSet<>(ports().values());
        java.util.List<String> entries = new java.util.ArrayList<>();
        for (int n = 0; n <= exampleJudges; n++) {
            int port = agentPort + n; // the demo agent's, then each example judge's
            own.remove(port);
            if (port < 32_768) {
                entries.add("127.0.0.1:" + port);
            }
        }
        int from = 32_768;
        for (int port : own.tailSet(from)) {
            if (port > from) {
                entries.add("127.0.0.1:" + from + "-" + (port - 1));
            }
            from = port + 1;
        }
        if (from <= 65_535) {
            entries.add("127.0.0.1:" + from + "-65535");
        }
        return String.join(",", entries);
    }

    public String gatewayUrl() {
        return "http://127.0.0.1:" + gatewayPort;
    }
}
