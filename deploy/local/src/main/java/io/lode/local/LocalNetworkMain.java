package io.lode.local;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * {@code ./lode-local [--fresh] [--data-dir DIR]}: starts the whole network and runs until Ctrl-C, which stops
 * every process it started. Exit code 1 with one clear message when it cannot start.
 */
public final class LocalNetworkMain {

    private LocalNetworkMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        System.setProperty("org.slf4j.simpleLogger.log.org.apache.kafka", "error");
        PrintStream console = System.out;
        LocalSettings defaults = LocalSettings.defaults(Path.of(System.getProperty("lode.repo.root", ".")).toAbsolutePath()
                .normalize());
        LocalSettings settings;
        try {
            settings = parse(args, defaults);
        } catch (IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage());
            System.err.println("usage: ./lode-local [--fresh] [--data-dir DIR] [--quiet]");
            System.exit(2);
            return;
        }
        LocalNetwork network;
        try {
            network = LocalNetwork.start(settings, console);
        } catch (LaunchException e) {
            System.err.println("error: " + e.getMessage());
            System.exit(1);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            console.println("[lode        ] stopping the network");
            network.close();
            console.println("[lode        ] stopped");
            stopped.countDown();
        }, "lode-local-stop"));
        console.println(banner(network));
        stopped.await();
    }

    static LocalSettings parse(String[] args, LocalSettings defaults) {
        LocalSettings settings = defaults;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--fresh" -> settings = with(settings, settings.dataDir(), true, settings.logToConsole());
                case "--quiet" -> settings = with(settings, settings.dataDir(), settings.fresh(), false);
                case "--data-dir" -> {
                    if (i + 1 >= args.length) {
                        throw new IllegalArgumentException("--data-dir needs a folder");
                    }
                    settings = with(settings, Path.of(args[++i]).toAbsolutePath(), settings.fresh(),
                            settings.logToConsole());
                }
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        return settings;
    }

    private static LocalSettings with(LocalSettings s, Path dataDir, boolean fresh, boolean logToConsole) {
        return new LocalSettings(s.repoRoot(), dataDir, fresh, logToConsole, s.gatewayPort(), s.registryPort(),
                s.orchestratorPort(), s.verifierPort(), s.rewardPort(), s.kafkaPort(), s.controllerPort(),
                s.postgresPort(), s.agentPort(), s.startingCredits(), s.agentPrice(), s.epochLength(), s.serviceEnv(),
                s.managementPorts(), s.exampleJudges());
    }

    static String banner(LocalNetwork network) {
        String url = network.gatewayUrl();
        return """

                Lode is running. Gateway: %1$s   (API docs: %1$s/q/swagger-ui, Ctrl-C stops everything)
                Console: %1$s/console/ (open an account there, or sign in with an API key)
                As one agent: A2A card %1$s/.well-known/agent-card.json (JSON-RPC at %1$s/a2a),
                  MCP server %1$s/mcp (the API key as a bearer token for both)
                Demo agent: %2$s (arithmetic)
                Example judges: %5$s (they review ROT13 and arithmetic: an agent of a skill no checker covers is
                  examined and reviewed by their panel; see docs/judge-developers.md)
                Auditor token (reads every ledger account; lode audit replay --auditor-token): %3$s
                Kafka (SASL/SCRAM, one principal per service): the auditor's read-only client settings are in
                  %4$s (lode audit replay --kafka-config)

                Try it:
                  KEY=$(curl -s -X POST %1$s/v1/accounts | sed -E 's/.*"apiKey":"([^"]+)".*/\\1/')
                  curl -s -X POST '%1$s/v1/tasks?wait=verified' -H "Authorization: Bearer $KEY" \\
                       -H 'content-type: application/json' -d '{"input":"what is 17 * 23?"}'
                  curl -s %1$s/v1/ledger/accounts/%2$s -H "Authorization: Bearer %3$s"
                """.formatted(url, network.agentId(), network.auditorToken(), network.auditorKafkaConfig(),
                network.judgeIds().isEmpty() ? "none" : String.join(", ", network.judgeIds()));
    }
}
