package io.lode.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

import io.lode.identity.AgentId;
import io.lode.identity.KeyFile;

/**
 * The agent kits as a developer uses them, against a real local network. Node (agents/kit/node): its keygen makes a
 * key the Java tools read too, its agent serves a card naming that key, its register script signs the registration
 * with no Java and follows the exam to ACTIVE. Java (agents/kit/java, the official A2A Java SDK's server): a key from
 * {@code lode keygen}, the agent started with it, {@code lode agent register --wait}. Each is then sent a consumer's
 * task, verified and paid.
 */
class AgentKitIT {

    @TempDir
    static Path dataDir;
    @TempDir
    static Path work;

    private static LocalNetwork network;
    private static GatewayClient gateway;
    private static Path kit;
    private static Process agent;
    private static Process javaAgent;
    private static Path repoRoot;

    @BeforeAll
    static void start() throws Exception {
        repoRoot = Path.of(System.getProperty("lode.repo.root", "../..")).toAbsolutePath().normalize();
        kit = JsSdk.installed(repoRoot.resolve("agents/kit/node"), "@a2a-js/sdk");
        network = LocalNetwork.start(LocalSettings.forTest(repoRoot, dataDir, 50_000_000, 1_000, "20s", Map.of()),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        gateway = new GatewayClient(network.gatewayUrl());
    }

    @AfterAll
    static void stop() {
        for (Process started : new Process[] {agent, javaAgent}) {
            if (started != null) {
                started.destroyForcibly();
            }
        }
        if (network != null) {
            network.close();
        }
    }

    @Test
    void aNodeAgentFromTheKitIsExaminedRegisteredSentATaskAndPaid() throws Exception {
        Path key = work.resolve("agent-key.json");
        Run keygen = node(List.of("keygen.mjs", "--out", key.toString()));
        assertThat(keygen.exit()).as(keygen.output()).isZero();
        String agentId = keygen.output().lines().filter(l -> l.startsWith("agentId")).findFirst().orElseThrow()
                .split("\\s+")[1];
        // the same key file the Java CLI writes and reads
        assertThat(AgentId.of(KeyFile.read(key).getPublic())).isEqualTo(agentId);
        assertThat(node(List.of("keygen.mjs", "--out", key.toString())).exit()).as("never overwrites a key").isEqualTo(2);

        agent = new ProcessBuilder("node", "agent.mjs", "--key", key.toString()).directory(kit.toFile())
                .redirectErrorStream(true).start();
        BufferedReader lines = new BufferedReader(new InputStreamReader(agent.getInputStream(), StandardCharsets.UTF_8));
        String ready = lines.readLine();
        assertThat(ready).as("the agent's first line").startsWith("READY ");
        String cardUrl = "http://127.0.0.1:" + ready.substring("READY ".length()) + "/.well-known/agent-card.json";

        Run register = node(List.of("register.mjs", "--gateway", network.gatewayUrl(), "--card-url", cardUrl,
                "--price", "700", "--key", key.toString(), "--wait"));
        assertThat(register.exit()).as(register.output()).isZero();
        assertThat(register.output()).contains(agentId + " PENDING", agentId + " ACTIVE");
        JsonNode page = gateway.json("GET", "/v1/agents/" + agentId, null, null, 200);
        assertThat(page.at("/exams/0/exam").asText()).isEqualTo("arithmetic");

        answeredVerifiedAndPaid(agentId, "What is 12 * (7 + 3)?", "kit-arithmetic", "120");

        // the daily renewal, signed the same way
        Run renewal = node(List.of("register.mjs", "--renew", "--gateway", network.gatewayUrl(), "--key",
                key.toString()));
        assertThat(renewal.exit()).as(renewal.output()).isZero();
        assertThat(renewal.output()).startsWith(agentId + " ACTIVE, registered until ");

        // a registration it did not sign is refused, and the script says why
        Path other = work.resolve("other-key.json");
        assertThat(node(List.of("keygen.mjs", "--out", other.toString())).exit()).isZero();
        Run impostor = node(List.of("register.mjs", "--gateway", network.gatewayUrl(), "--card-url", cardUrl,
                "--key", other.toString()));
        assertThat(impostor.exit()).isEqualTo(1);
        assertThat(impostor.output()).startsWith("refused (");
    }

    @Test
    void aJavaAgentFromTheKitOnTheOfficialA2aSdkIsRegisteredWithTheCliSentATaskAndPaid() throws Exception {
        Path app = repoRoot.resolve("agents/kit/java/target/quarkus-app/quarkus-run.jar");
        assertThat(app).as("./mvnw package builds the Java kit").isRegularFile();
        Path key = work.resolve("java-agent-key.json");
        Run keygen = lode("keygen", "--out", key.toString());
        assertThat(keygen.exit()).as(keygen.output()).isZero();
        java.security.KeyPair keys = KeyFile.read(key);
        String agentId = AgentId.of(keys.getPublic());

        int port; // one the system hands out, as agents get: the local network lets the services call those only
        try (java.net.ServerSocket probe = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        ProcessBuilder start = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", app.toString()).redirectErrorStream(true)
                .redirectOutput(work.resolve("java-agent.log").toFile());
        start.environment().put("KIT_PUBLIC_KEY", io.lode.identity.AgentKeys.encodePublic(keys.getPublic()));
        start.environment().put("KIT_PORT", Integer.toString(port));
        javaAgent = start.start();
        String cardUrl = "http://127.0.0.1:" + port + "/.well-known/agent-card.json";
        await().atMost(Duration.ofSeconds(60)).until(() -> cardAnswers(cardUrl));

        Run register = lode("agent", "register", "--gateway", network.gatewayUrl(), "--card-url", cardUrl,
                "--price", "700", "--key", key.toString(), "--wait");
        assertThat(register.exit()).as(register.output()).isZero();
        assertThat(gateway.json("GET", "/v1/agents/" + agentId, null, null, 200).path("status").asText())
                .isEqualTo("ACTIVE");

        answeredVerifiedAndPaid(agentId, "Compute (120 - 4) * 3.", "kit-java-arithmetic", "348");
    }

    /** A consumer's task for the skill goes to the agent, which answers it right, and is paid for it. */
    private static void answeredVerifiedAndPaid(String agentId, String input, String skill, String answer)
            throws Exception {
        JsonNode task = gateway.json("POST", "/v1/tasks?wait=verified", gateway.newApiKey(),
                GatewayClient.JSON.createObjectNode().put("input", input).put("skill", skill).toString(), 200);
        assertThat(task.path("status").asText()).as(task.toString()).isEqualTo("COMPLETED");
        assertThat(task.at("/result/agentId").asText()).isEqualTo(agentId);
        assertThat(task.at("/result/output").asText()).isEqualTo(answer);
        assertThat(task.at("/verdict/verdict").asText()).isEqualTo("PASS");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(gateway.json("GET",
                "/v1/ledger/earnings/" + agentId, null, null, 200).at("/total/tasksPaid").asLong()).isEqualTo(1));
    }

    private static boolean cardAnswers(String url) {
        try {
            return java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                    java.net.URI.create(url)).build(), java.net.http.HttpResponse.BodyHandlers.discarding())
                    .statusCode() == 200;
        } catch (java.io.IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** The Java CLI, as a developer runs it. */
    private static Run lode(String... args) {
        java.io.StringWriter out = new java.io.StringWriter();
        int exit = io.lode.cli.LodeCommand.commandLine().setOut(new java.io.PrintWriter(out, true))
                .setErr(new java.io.PrintWriter(out, true)).execute(args);
        return new Run(exit, out.toString());
    }

    private record Run(int exit, String output) {
    }

    private static Run node(List<String> args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of("node"));
        command.addAll(args);
        Process process = new ProcessBuilder(command).directory(kit.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(330, TimeUnit.SECONDS)).as("%s finished", command).isTrue();
        return new Run(process.exitValue(), output);
    }
}
