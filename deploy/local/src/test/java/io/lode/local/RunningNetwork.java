package io.lode.local;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

/**
 * A whole local network for one test class (real broker, databases and services, quiet on the console) with the
 * clients its tests use: the gateway, agents the test runs, and a probe of the topics. Start it in
 * {@code @BeforeAll}, close it in {@code @AfterAll}.
 */
record RunningNetwork(LocalNetwork network, GatewayClient gateway, TestAgents agents, TopicProbe topics)
        implements AutoCloseable {

    /** A test network: 50,000,000 micro-units for each new consumer key, demo agents at 1,000, 60 s epochs, {@code env} for the services. */
    static RunningNetwork start(Path dataDir, Map<String, String> env) throws Exception {
        Path repoRoot = Path.of(System.getProperty("lode.repo.root", "../..")).toAbsolutePath().normalize();
        LocalNetwork network = LocalNetwork.start(LocalSettings.forTest(repoRoot, dataDir, 50_000_000, 1_000, "60s",
                env), new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        GatewayClient gateway = new GatewayClient(network.gatewayUrl());
        return new RunningNetwork(network, gateway, new TestAgents(gateway), TopicProbe.of(network));
    }

    @Override
    public void close() {
        agents.close();
        network.close();
    }
}
