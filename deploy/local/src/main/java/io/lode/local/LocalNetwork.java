package io.lode.local;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.lode.agents.registration.AgentRegistration;
import io.lode.events.KafkaAccess;
import io.lode.events.Topics;
import io.lode.identity.AgentId;
import io.lode.identity.KeyFile;
import io.lode.testsupport.infra.EmbeddedInfrastructure;
import io.lode.testsupport.infra.FreePorts;
import io.lode.testsupport.infra.Infrastructure;
import io.lode.testsupport.infra.KafkaBroker;

/**
 * The whole network on one machine, like docker compose would run it: Kafka and PostgreSQL (data kept under
 * the data folder), the topics from the catalogue, each service as its own process from its packaged app,
 * and the demo agent, registered and examined. {@link #close} stops everything it started.
 */
public final class LocalNetwork implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration SERVICE_START = Duration.ofSeconds(180);
    private static final Duration AGENT_ACTIVE = Duration.ofSeconds(90);
    private static final List<String> DATABASES = List.of("registry", "orchestrator", "verifier", "reward", "gateway");

    private final LocalSettings settings;
    private final PrintStream console;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final List<ManagedProcess> processes = Collections.synchronizedList(new ArrayList<>());
    /** Each service's own settings, to start it again the same way. */
    private final Map<String, Map<String, String>> serviceSettings = new java.util.concurrent.ConcurrentHashMap<>();
    /**
     * The secret the gateway proves its forwarded requests with and the backends check (lode-gateway-trust): new for
     * every run of the network, known to its services alone.
     */
    private final String gatewayProofSecret = java.util.HexFormat.of().formatHex(randomBytes());
    /** Reads every ledger account (the whole ledger is private): for {@code lode audit replay} and the operator. */
    private final String auditorToken = "aud_" + java.util.HexFormat.of().formatHex(randomBytes());
    private EmbeddedInfrastructure infrastructure;
    private String agentId;
    private final List<String> judgeIds = new java.util.ArrayList<>();
    private final ScheduledExecutorService renewals = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "agent-renewal");
        thread.setDaemon(true);
        return thread;
    });

    private LocalNetwork(LocalSettings settings, PrintStream console) {
        this.settings = settings;
        this.console = console;
    }

    /** Starts everything or, on any failure, stops what it started and throws {@link LaunchException}. */
    public static LocalNetwork start(LocalSettings settings, PrintStream console) {
        LocalNetwork network = new LocalNetwork(settings, console);
        try {
            network.startAll();
            return network;
        } catch (RuntimeException e) {
            network.close();
            throw e;
        }
    }

    private void startAll() {
        Preflight.check(settings);
        if (settings.fresh()) {
            deleteRecursively(settings.dataDir());
        }
        say("starting PostgreSQL and Kafka (data in " + settings.dataDir() + ")");
        infrastructure = EmbeddedInfrastructure.start(settings.dataDir(), settings.kafkaPort(),
                settings.controllerPort(), settings.postgresPort());
        DATABASES.forEach(infrastructure::database);
        infrastructure.createTopics(Topics.all());
        writeKafkaClientConfig(KafkaAccess.AUDITOR.principal(), auditorKafkaConfig());
        writeKafkaClientConfig(KafkaBroker.ADMIN, adminKafkaConfig());

        List<ManagedProcess> services = List.of(
                service("reward-service", settings.rewardPort(), Map.of("LODE_REWARD_EPOCH_LENGTH", settings.epochLength(),
                        "LODE_REWARD_VERIFIER_KEYS_URL", "http://127.0.0.1:" + settings.verifierPort()
                                + "/v1/verifier/keys",
                        "LODE_REWARD_AUDITOR_TOKEN_SHA256", io.lode.identity.AdminTokens.sha256Hex(auditorToken))),
                service("registry-service", settings.registryPort(),
                        Map.of("LODE_REGISTRY_EGRESS_ALLOW_LIST", settings.egressAllowList())),
                // A held answer (optimistic payment) is paid, undisputed, within minutes on a network one tries out.
                service("verifier-service", settings.verifierPort(), Map.of("LODE_VERIFIER_REVIEW_HOLD",
                        LOCAL_REVIEW_HOLD)),
                service("orchestrator-service", settings.orchestratorPort(),
                        Map.of("LODE_ORCHESTRATOR_EGRESS_ALLOW_LIST", settings.egressAllowList())),
                service("gateway-service", settings.gatewayPort(), Map.of(
                        "LODE_GATEWAY_STARTING_CREDITS", Long.toString(settings.startingCredits()),
                        "LODE_GATEWAY_BACKENDS_REGISTRY", "http://127.0.0.1:" + settings.registryPort(),
                        "LODE_GATEWAY_BACKENDS_ORCHESTRATOR", "http://127.0.0.1:" + settings.orchestratorPort(),
                        "LODE_GATEWAY_BACKENDS_REWARD", "http://127.0.0.1:" + settings.rewardPort(),
                        "LODE_GATEWAY_BACKENDS_VERIFIER", "http://127.0.0.1:" + settings.verifierPort(),
                        // A2A push notifications to a webhook on this machine, as agents are reached on it
                        "LODE_GATEWAY_PUSH_EGRESS_ALLOW_LIST", settings.egressAllowList())));
        say("waiting for the services to be ready");
        for (ManagedProcess service : services) {
            int port = portOf(service.name());
            Poll.until(service.name() + " to be ready on port " + port, SERVICE_START, () -> {
                failIfDead(service);
                return status("http://127.0.0.1:" + settings.managementPort(service.name()) + "/q/health/ready") == 200;
            });
            say(service.name() + " is ready on port " + port);
        }
        agentId = startAndRegisterAgent("arithmetic", "arithmetic", settings.agentPort(), settings.agentPrice());
        for (int n = 1; n <= settings.exampleJudges(); n++) {
            judgeIds.add(startAndRegisterAgent("judge-rot13", "judge-" + n, settings.judgePort(n), 0));
        }
    }

    /**
     * Kills a service with SIGKILL, as a crash would, then starts it again and waits until it is ready: for tests
     * of what survives a crash.
     */
    public void crashAndRestart(String name) throws Exception {
        crashAndRestart(name, () -> { });
    }

    /** What a test does while a service it crashed is down. */
    @FunctionalInterface
    public interface WhileDown {
        void run() throws Exception;
    }

    /** As {@link #crashAndRestart(String)}, doing {@code whileDown} before the restart. */
    public void crashAndRestart(String name, WhileDown whileDown) throws Exception {
        ManagedProcess running;
        synchronized (processes) {
            running = processes.stream().filter(p -> p.name().equals(name)).reduce((a, b) -> b)
                    .orElseThrow(() -> new IllegalArgumentException("no service " + name));
        }
        running.kill();
        processes.remove(running);
        try {
            whileDown.run();
        } finally {
            int port = portOf(name);
            ManagedProcess restarted = service(name, port, serviceSettings.get(name));
            Poll.until(name + " to be ready again on port " + port, SERVICE_START, () -> {
                failIfDead(restarted);
                return status("http://127.0.0.1:" + settings.managementPort(name) + "/q/health/ready") == 200;
            });
        }
    }

    /** Stops the Kafka broker and starts it again (same port, same logs): the services must ride it out. */
    public void restartKafka() {
        infrastructure.restartKafka();
    }

    /** Stops PostgreSQL and starts it again (same port, same data): the services must ride it out. */
    public void restartPostgres() {
        infrastructure.restartPostgres();
    }

    /** How long the local network holds the fee of work only a panel can judge (the service's default is 1h). */
    static final String LOCAL_REVIEW_HOLD = "2m";

    private ManagedProcess service(String name, int port, Map<String, String> extra) {
        serviceSettings.put(name, extra);
        Path app = settings.repoRoot().resolve(name).resolve("target/quarkus-app/quarkus-run.jar");
        Map<String, String> env = new HashMap<>(extra);
        env.putAll(settings.serviceEnv());
        env.put("QUARKUS_HTTP_PORT", Integer.toString(port));
        env.put("QUARKUS_MANAGEMENT_PORT", Integer.toString(settings.managementPort(name)));
        env.put("QUARKUS_DATASOURCE_JDBC_URL", infrastructure.database(name.replace("-service", "")));
        env.put("QUARKUS_DATASOURCE_USERNAME", infrastructure.databaseUser());
        env.put("QUARKUS_DATASOURCE_PASSWORD", infrastructure.databasePassword());
        env.put("KAFKA_BOOTSTRAP_SERVERS", infrastructure.bootstrapServers());
        env.put("LODE_KAFKA_PASSWORD", infrastructure.kafkaPassword(name)); // the service's own principal
        env.put("LODE_GATEWAY_PROOF_SECRET", gatewayProofSecret);
        List<String> command = new ArrayList<>(List.of(javaBinary()));
        command.addAll(serviceJvmOptions());
        command.addAll(List.of("-jar", app.toString()));
        return track(ManagedProcess.start(name, command, env, logFile(name), consoleOrNull(), null));
    }

    private static byte[] randomBytes() {
        byte[] secret = new byte[32];
        new java.security.SecureRandom().nextBytes(secret);
        return secret;
    }

    /**
     * The services' JVM options (space-separated {@code LODE_LOCAL_JVM_OPTIONS} replaces them): by default small and
     * quick to start, as a laptop wants. C1 only: on two cores the optimising compiler took 30 % of the machine for
     * minutes and the load bench did 8 tasks/s instead of 14. A heap that starts at 24 MB grows under load but
     * leaves an idle service 30–60 MB smaller than one whose young generation spans a quarter of 256 MB.
     */
    private static List<String> serviceJvmOptions() {
        String options = System.getenv("LODE_LOCAL_JVM_OPTIONS");
        return options == null || options.isBlank()
                ? List.of("-Xms24m", "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1")
                : List.of(options.trim().split("\\s+"));
    }

    /**
     * Starts an example agent of {@code kind} from the agents jar, registers it (or renews a registration kept from
     * an earlier run), keeps it renewed hourly and waits until its exam has passed; its agent id.
     */
    private String startAndRegisterAgent(String kind, String name, int port, long price) {
        Path keyFile = settings.dataDir().resolve("agents/" + name + ".key");
        Path jar = settings.repoRoot().resolve("agents/target/lode-agents.jar");
        ManagedProcess agent = track(ManagedProcess.start(name, List.of(javaBinary(), "-Xmx64m",
                "-XX:+UseSerialGC", "-jar", jar.toString(), kind, "--port",
                Integer.toString(port), "--key-file", keyFile.toString()), Map.of(),
                logFile(name + "-agent"), consoleOrNull(), line -> line.startsWith("READY ")));
        String ready;
        try {
            ready = agent.readyLine().get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LaunchException("interrupted while starting the " + name + " agent", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new LaunchException("the " + name + " agent did not start:\n" + agent.tail(), e);
        }
        String id = ready.split(" ")[2];
        KeyPair keys;
        try {
            keys = KeyFile.read(keyFile);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String cardUrl = "http://127.0.0.1:" + port + "/.well-known/agent-card.json";
        HttpResponse<String> registered = post(settings.gatewayUrl() + "/v1/agents",
                AgentRegistration.signedBody(keys, cardUrl, price).toString());
        boolean known = registered.statusCode() == 409 && registered.body().contains("already-registered");
        if (registered.statusCode() != 202 && !known) {
            throw new LaunchException("registering the " + name + " agent failed: HTTP " + registered.statusCode()
                    + " " + registered.body());
        }
        if (known) {
            renew(name, keys); // a registration kept from an earlier run may have expired meanwhile
        }
        renewals.scheduleAtFixedRate(() -> {
            try {
                renew(name, keys);
            } catch (LaunchException e) {
                say("renewing the " + name + " agent failed: " + e.getMessage()); // tried again in an hour
            }
        }, 1, 1, TimeUnit.HOURS);
        say("registered agent " + name + " " + id + "; waiting for its exam");
        Poll.until("agent " + id + " to pass its exam", AGENT_ACTIVE, () -> {
            String status = agentStatus(id);
            if ("REJECTED".equals(status)) {
                throw new LaunchException("the " + name + " agent failed its exam: " + get(settings.gatewayUrl()
                        + "/v1/agents/" + id).body());
            }
            return "ACTIVE".equals(status);
        });
        say("agent " + name + " " + id + " is ACTIVE");
        return id;
    }

    /** An example agent's signed heartbeat, so a long-running local network keeps it registered. */
    private void renew(String name, KeyPair keys) {
        HttpResponse<String> renewed = post(settings.gatewayUrl() + "/v1/agents/" + AgentId.of(keys.getPublic())
                + "/renewal", AgentRegistration.signedRenewal(keys).toString());
        if (renewed.statusCode() != 200) {
            say("renewing the " + name + " agent failed: HTTP " + renewed.statusCode() + " " + renewed.body());
        }
    }

    /**
     * The Kafka client settings file of the read-only auditor principal ({@code lode audit replay --kafka-config}),
     * rewritten at each start with this run's password, readable by its owner only.
     */
    public Path auditorKafkaConfig() {
        return settings.dataDir().resolve("kafka-auditor.properties");
    }

    /** The same for the broker's super user (writes anything: for tests and benchmarks that play a service). */
    public Path adminKafkaConfig() {
        return settings.dataDir().resolve("kafka-admin.properties");
    }

    private void writeKafkaClientConfig(String principal, Path file) {
        java.util.Properties properties = new java.util.Properties();
        infrastructure.kafkaClient(principal).forEach((key, value) -> properties.setProperty(key, value.toString()));
        try {
            Files.deleteIfExists(file);
            Files.createFile(file, java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                    java.nio.file.attribute.PosixFilePermissions.fromString("rw-------")));
            try (var out = Files.newBufferedWriter(file)) {
                properties.store(out, "Kafka client settings of " + principal + " for this run of the local network");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    /** The auditor's bearer token of this run: reads every ledger account, nothing else. */
    public String auditorToken() {
        return auditorToken;
    }

    public String gatewayUrl() {
        return settings.gatewayUrl();
    }

    /** The ids of the example judges (none in a test network). */
    public List<String> judgeIds() {
        return List.copyOf(judgeIds);
    }

    /** The id of the demo arithmetic agent. */
    public String agentId() {
        return agentId;
    }

    /** Each service's management port (health, metrics), by service name. */
    public Map<String, Integer> managementPorts() {
        return settings.managementPorts();
    }

    public Map<String, Integer> servicePorts() {
        Map<String, Integer> ports = new java.util.LinkedHashMap<>(settings.ports());
        ports.keySet().retainAll(Preflight.APPS);
        return ports;
    }

    public Infrastructure infrastructure() {
        return infrastructure;
    }

    /** Fails with the process's last output if it has died. */
    private static void failIfDead(ManagedProcess process) {
        if (!process.isAlive()) {
            throw new LaunchException(process.name() + " exited during start-up; its last output:\n" + process.tail());
        }
    }

    /** Stops the agents, then the services (gateway first), then Kafka and PostgreSQL. */
    @Override
    public void close() {
        renewals.shutdownNow();
        List<ManagedProcess> stopOrder;
        synchronized (processes) {
            stopOrder = new ArrayList<>(processes);
        }
        Collections.reverse(stopOrder);
        stopOrder.parallelStream().forEach(ManagedProcess::close);
        if (infrastructure != null) {
            infrastructure.close();
            infrastructure = null;
        }
    }

    private String agentStatus(String id) {
        HttpResponse<String> response = get(settings.gatewayUrl() + "/v1/agents/" + id);
        if (response.statusCode() != 200) {
            return null;
        }
        try {
            JsonNode agent = JSON.readTree(response.body());
            return agent.path("status").asText(null);
        } catch (IOException e) {
            return null;
        }
    }

    private int status(String url) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(2)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LaunchException("interrupted", e);
        }
    }

    private HttpResponse<String> get(String url) {
        return send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build());
    }

    private HttpResponse<String> post(String url, String json) {
        return send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .header("content-type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new LaunchException(request.method() + " " + request.uri() + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LaunchException("interrupted", e);
        }
    }

    private int portOf(String service) {
        return settings.ports().get(service);
    }

    private ManagedProcess track(ManagedProcess process) {
        processes.add(process);
        return process;
    }

    /** Where a service's (or agent's) output of this run goes. */
    public Path logOf(String name) {
        return logFile(name);
    }

    private Path logFile(String name) {
        return settings.dataDir().resolve("logs").resolve(name + ".log");
    }

    private PrintStream consoleOrNull() {
        return settings.logToConsole() ? console : null;
    }

    private void say(String message) {
        console.println("[lode        ] " + message);
    }

    static String javaBinary() {
        return ProcessHandle.current().info().command().orElse("java");
    }

    static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        } catch (IOException e) {
            throw new LaunchException("cannot wipe " + dir + ": " + e.getMessage(), e);
        }
    }

    static boolean portFree(int port) {
        return FreePorts.isFree(port);
    }
}
