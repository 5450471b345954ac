package io.lode.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;


/**
 * The network under steady load (10 tasks/s through the gateway) survives a SIGKILL of each service and a restart
 * of the Kafka broker and of PostgreSQL: afterwards every task the gateway accepted has ended, its escrow is
 * resolved to the last unit (paid + protocol fee + refunded = the escrowed maxPrice, so nothing is paid twice or
 * kept), and {@code lode audit replay} finds no difference between the log and the ledger (balances included).
 */
class SurvivalUnderLoadIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long MAX_PRICE = 1_000;
    private static final List<String> SERVICES = List.of("orchestrator-service", "verifier-service", "reward-service",
            "registry-service", "gateway-service");

    @TempDir
    static Path dataDir;

    private static LocalNetwork network;
    private static LocalSettings settings;
    private static GatewayClient gateway;

    @BeforeAll
    static void startNetwork() {
        Path repoRoot = Path.of(System.getProperty("lode.repo.root", "../..")).toAbsolutePath().normalize();
        settings = LocalSettings.forTest(repoRoot, dataDir, 100_000_000, MAX_PRICE, "5s",
                Map.of("LODE_GATEWAY_RATE_LIMIT_REQUESTS_PER_MINUTE", "100000"));
        network = LocalNetwork.start(settings, System.out);
        gateway = new GatewayClient(network.gatewayUrl());
    }

    @AfterAll
    static void stopNetwork() {
        if (network != null) {
            network.close();
        }
    }

    @Test
    void everyAcceptedTaskEndsSettledAfterEachServiceIsKilledAndTheBrokerAndDatabaseRestart() throws Exception {
        String apiKey = gateway.newApiKey();
        List<String> faults = new ArrayList<>();
        Set<String> accepted;
        int refused;
        try (SteadyLoad load = new SteadyLoad(network.gatewayUrl(), apiKey, 10)) {
            awaitMoreAccepted(load, 30);
            for (String service : SERVICES) {
                network.crashAndRestart(service);
                faults.add("kill -9 " + service);
                awaitMoreAccepted(load, 20);
            }
            network.restartKafka();
            faults.add("Kafka broker restart");
            awaitMoreAccepted(load, 20);
            network.restartPostgres();
            faults.add("PostgreSQL restart");
            awaitMoreAccepted(load, 20);
            accepted = load.accepted();
            refused = load.refused();
        }

        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(2))
                .until(() -> accepted.stream().filter(id -> !settled(view(id, apiKey))).count(), left -> left == 0);
        for (String taskId : accepted) {
            JsonNode task = view(taskId, apiKey);
            JsonNode fee = task.path("fee");
            long paid = fee.path("paidToAgent").asLong(0) + fee.path("protocolFee").asLong(0);
            assertThat(paid + fee.path("refunded").asLong()).as("escrow of %s: %s", taskId, task).isEqualTo(MAX_PRICE);
            assertThat(paid).as(task.toString()).isEqualTo(fee.path("charged").asLong(0));
        }
        AuditRun audit = AuditRun.replay(network, "--json");
        assertThat(audit.exitCode()).as(audit.output() + audit.errors()).isZero();
        assertThat(JSON.readTree(audit.output()).path("differences")).isEmpty();
        long completed = accepted.stream().filter(id -> view(id, apiKey).path("status").asText().equals("COMPLETED"))
                .count();
        System.out.printf("survival under load: %d tasks accepted (%d completed, the rest failed with a full refund), "
                + "%d submissions refused while a component was down; faults: %s; audit replay: %s events, "
                + "0 differences%n", accepted.size(), completed, refused, faults,
                JSON.readTree(audit.output()).path("events").asText());
    }

    /** Ended, and its escrow resolved: a settled task's view shows what was refunded (0 when nothing was). */
    private static boolean settled(JsonNode task) {
        String status = task.path("status").asText();
        boolean ended = List.of("COMPLETED", "FAILED", "EXPIRED", "CANCELED").contains(status);
        return ended && task.at("/fee/refunded").isNumber();
    }

    private static JsonNode view(String taskId, String apiKey) {
        try {
            return JSON.readTree(gateway.send("GET", "/v1/tasks/" + taskId, apiKey, null).body());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void awaitMoreAccepted(SteadyLoad load, int more) {
        int target = load.accepted().size() + more;
        await().atMost(Duration.ofMinutes(2)).until(() -> load.accepted().size() >= target);
    }
}
