package io.lode.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A local network for a benchmark, started with the launcher ({@code deploy/local/target/lode-local.jar}) as
 * {@code ./lode-local --fresh} does — real broker and databases, default ports, a fresh data folder — with extra
 * settings for every service; stopped (SIGTERM: the launcher stops everything it started) on close.
 */
final class BenchNetwork implements AutoCloseable {

    static final String GATEWAY = "http://127.0.0.1:8080";
    static final String AGENT = "http://127.0.0.1:8190/a2a/jsonrpc";

    /** The benchmarks' one JSON mapper (defaults: they read the network's answers and the corpus). */
    static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final Process launcher;
    private final Path dataDir;

    private BenchNetwork(Process launcher, Path dataDir) {
        this.launcher = launcher;
        this.dataDir = dataDir;
    }

    /** Starts the network and waits until its demo arithmetic agent is ACTIVE, at most three minutes. */
    static BenchNetwork start(Map<String, String> serviceEnv) throws Exception {
        Path root = Path.of(System.getProperty("lode.repo.root", ".")).toAbsolutePath().normalize();
        Path dataDir = Files.createTempDirectory("lode-bench-network");
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dlode.repo.root=" + root, "-jar", root.resolve("deploy/local/target/lode-local.jar").toString(),
                "--fresh", "--quiet", "--data-dir", dataDir.toString())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        builder.environment().putAll(serviceEnv);
        BenchNetwork network = new BenchNetwork(builder.start(), dataDir);
        try {
            network.awaitDemoAgent();
            return network;
        } catch (Exception | Error e) {
            network.close();
            throw e;
        }
    }

    /** The Kafka client settings of the broker's super user, which the launcher writes for this run. */
    Properties kafkaClient() throws IOException {
        Properties client = new Properties();
        try (var reader = Files.newBufferedReader(dataDir.resolve("kafka-admin.properties"))) {
            client.load(reader);
        }
        return client;
    }

    /** Memory and CPU of every process of the network, and of this one (the load generator). */
    ProcessStats.Sample sample() {
        return ProcessStats.sample(launcher.toHandle(), dataDir);
    }

    /** A new consumer account's API key (the local network gives it starting credits). */
    String newApiKey() throws Exception {
        return JSON.readTree(HTTP.send(HttpRequest.newBuilder(URI.create(GATEWAY + "/v1/accounts"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString()).body())
                .path("apiKey").asText();
    }

    private void awaitDemoAgent() throws Exception {
        long giveUp = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (System.nanoTime() < giveUp) {
            if (!launcher.isAlive()) {
                throw new IllegalStateException("the local network stopped (exit " + launcher.exitValue()
                        + "); are ports 8080, 8181-8184, 8190, 9080, 9181-9184, 15432 and 19092 free?");
            }
            try {
                JsonNode page = JSON.readTree(HTTP.send(HttpRequest.newBuilder(URI.create(GATEWAY
                        + "/v1/agents?skill=arithmetic&status=ACTIVE")).build(), HttpResponse.BodyHandlers.ofString())
                        .body());
                if (page.path("items").size() > 0) {
                    return;
                }
            } catch (IOException e) {
                // not up yet
            }
            launcher.waitFor(500, TimeUnit.MILLISECONDS);
        }
        throw new IllegalStateException("the local network did not start within three minutes");
    }

    @Override
    public void close() throws InterruptedException {
        launcher.destroy();
        launcher.waitFor();
    }
}
