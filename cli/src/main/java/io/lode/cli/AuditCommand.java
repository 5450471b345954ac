package io.lode.cli;

import java.io.PrintWriter;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.lode.events.epochs.EpochClosed;
import io.lode.reward.audit.AuditReplay;
import io.lode.reward.audit.Difference;
import io.lode.reward.audit.LoggedEvent;
import io.lode.identity.VerifierKeyring;
import io.lode.reward.epoch.EpochClose;
import io.lode.reward.escrow.ReceiptCheck;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Replays the event log through the reward service's own domain code and reports every difference. */
@Command(name = "audit", mixinStandardHelpOptions = true, description = "Audit a network from its event log.",
        subcommands = AuditCommand.Replay.class)
final class AuditCommand {

    @Command(name = "replay", mixinStandardHelpOptions = true,
            description = {"Read every lode.* topic from the start, run the reward service's own domain code again, "
                    + "and compare task outcomes, ledger events, epoch roots and the hash chain with the log, and "
                    + "every balance with what the reward service reports.",
                    "Exit code 0: no difference; 1: differences (each printed with its place), or the audit could "
                            + "not run; 2: bad usage. Audit a quiet network: tasks in flight show as differences."})
    static final class Replay implements Callable<Integer> {
        private static final int ATTEMPTS = 3;

        @CommandLine.Mixin
        GatewayOptions gateway;

        @Option(names = "--bootstrap-servers", description = "Kafka bootstrap servers (env LODE_BOOTSTRAP_SERVERS, "
                + "config file bootstrap-servers=); default: the --kafka-config file's, else 127.0.0.1:19092.")
        String bootstrapServers;

        @Option(names = "--kafka-config", description = "A Kafka client properties file with the credentials of a "
                + "principal that may read the event topics — the auditor's (security.protocol, sasl.mechanism, "
                + "sasl.jaas.config, ssl.*); the local network writes one to <data dir>/kafka-auditor.properties "
                + "(env LODE_KAFKA_CONFIG, config file kafka-config=). Without it the broker refuses to serve.")
        java.nio.file.Path kafkaConfig;

        @Option(names = "--from", defaultValue = "earliest", description = "Report differences of events from this "
                + "time on (ISO-8601) or from the start (earliest, the default). The whole log is always replayed: "
                + "balances need every event before.")
        String from;

        @Option(names = "--to", description = "Replay events up to this time (ISO-8601) only; balances are then not "
                + "compared with the service's current ones.")
        Instant to;

        @Option(names = "--verifier-keys", description = "A file with the verifier's key list (the JSON of "
                + "/v1/verifier/keys) to check receipts against, pinned by the auditor; default: the list the gateway "
                + "serves.")
        java.nio.file.Path verifierKeys;

        @Option(names = "--auditor-token", description = "The auditor's (or admin's) token: comparing every balance "
                + "with the reward service's needs it, the whole ledger being private (env LODE_AUDITOR_TOKEN, config "
                + "file auditor-token=). Without it, give --to: balances are then not compared.")
        String auditorToken;

        @Option(names = "--json", description = "Print the report as JSON.")
        boolean json;

        @Option(names = "--progress", negatable = true, description = "Show a progress bar on stderr (default: when "
                + "stderr is a terminal).")
        Boolean progress;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            Instant since = parseFrom();
            if (to == null && (auditorToken == null || auditorToken.isBlank())) {
                throw new CommandLine.ParameterException(spec.commandLine(), "comparing the service's balances needs "
                        + "--auditor-token (or LODE_AUDITOR_TOKEN); with --to they are not compared");
            }
            EpochClose.Parameters parameters = Http.JSON.treeToValue(EpochCommand.get(gateway.url
                    + "/v1/epochs/parameters"), EpochClose.Parameters.class);
            // Every payment and verdict in the log must carry a receipt these keys verify (FORGED otherwise).
            ReceiptCheck receipts = ReceiptCheck.against(VerifierKeyring.parse(verifierKeys != null
                    ? java.nio.file.Files.readString(verifierKeys)
                    : EpochCommand.get(gateway.url + "/v1/verifier/keys").toString()));
            boolean showProgress = progress != null ? progress : System.console() != null;
            EventLog log = new EventLog(kafkaClient());
            for (int attempt = 1; ; attempt++) {
                EventLog.Progress bar = new EventLog.Progress(showProgress ? spec.commandLine().getErr() : null);
                long started = System.nanoTime();
                EventLog.Contents contents = log.read(bar);
                List<LoggedEvent> events = to == null ? contents.events()
                        : contents.events().stream().filter(e -> !timeOf(e).isAfter(to)).toList();
                AuditReplay.Report report = new AuditReplay(parameters, receipts).replay(events);
                double seconds = (System.nanoTime() - started) / 1e9;

                List<Difference> differences = new ArrayList<>(report.differences());
                contents.undecodable().forEach(u -> differences.add(new Difference(Difference.Kind.UNDECODABLE,
                        u.substring(0, u.indexOf(": ")), "an event of a released schema",
                        u.substring(u.indexOf(": ") + 2))));
                int compared = to == null ? compareBalances(report.balances(), differences) : 0;
                List<Difference> reported = since == null ? differences : withinWindow(differences, events, since);
                // A network that moved on while it was read (an epoch closing, a task settling) can show a
                // half-published step as a difference: read it again rather than report a race.
                if (!reported.isEmpty() && attempt < ATTEMPTS && !log.ends().equals(contents.ends())) {
                    spec.commandLine().getErr().printf("the log grew during the audit; reading it again (%d/%d)%n",
                            attempt + 1, ATTEMPTS);
                    continue;
                }
                return report(report, contents, compared, reported, seconds);
            }
        }

        private int report(AuditReplay.Report report, EventLog.Contents contents, int compared,
                           List<Difference> reported, double seconds) {
            if (json) {
                spec.commandLine().getOut().println(asJson(report, contents, compared, reported, seconds)
                        .toPrettyString());
            } else {
                print(report, contents, compared, reported, seconds);
            }
            return reported.isEmpty() ? 0 : 1;
        }

        /** The --kafka-config file's client settings, the bootstrap servers of the flag winning over the file's. */
        private java.util.Map<String, Object> kafkaClient() throws java.io.IOException {
            java.util.Map<String, Object> client = new java.util.HashMap<>();
            if (kafkaConfig != null) {
                java.util.Properties file = new java.util.Properties();
                try (var reader = java.nio.file.Files.newBufferedReader(kafkaConfig)) {
                    file.load(reader);
                }
                file.forEach((key, value) -> client.put(key.toString(), value));
            }
            if (bootstrapServers != null && !bootstrapServers.isBlank()) {
                client.put("bootstrap.servers", bootstrapServers);
            }
            client.putIfAbsent("bootstrap.servers", "127.0.0.1:19092");
            return client;
        }

        private Instant parseFrom() {
            if (from.equals("earliest")) {
                return null;
            }
            try {
                return Instant.parse(from);
            } catch (java.time.format.DateTimeParseException e) {
                throw new CommandLine.ParameterException(spec.commandLine(),
                        "--from takes earliest or an ISO-8601 time such as 2026-11-29T00:00:00Z");
            }
        }

        private static Instant timeOf(LoggedEvent e) {
            return e.event() instanceof EpochClosed closed ? closed.getClosedAt() : e.envelope().getOccurredAt();
        }

        /** Differences at events before {@code since} are left out; those of balances and epochs after stay. */
        private static List<Difference> withinWindow(List<Difference> differences, List<LoggedEvent> events,
                                                     Instant since) {
            Map<String, Instant> times = new HashMap<>();
            events.forEach(e -> times.put(e.where(), timeOf(e)));
            return differences.stream().filter(d -> !times.getOrDefault(d.where(), since).isBefore(since)).toList();
        }

        /** Every balance the reward service reports against the recomputed one; returns how many were compared. */
        private int compareBalances(Map<String, Long> recomputed, List<Difference> differences) throws Exception {
            Map<String, Long> reported = new HashMap<>();
            String cursor = null;
            do {
                JsonNode page = EpochCommand.get(gateway.url + "/v1/ledger/balances?limit=5000" + (cursor == null ? ""
                        : "&cursor=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8)), "Authorization",
                        "Bearer " + auditorToken);
                page.path("items").forEach(b -> reported.put(b.path("accountId").asText(),
                        b.path("balance").asLong()));
                cursor = page.path("nextCursor").isTextual() ? page.path("nextCursor").asText() : null;
            } while (cursor != null);
            TreeSet<String> accounts = new TreeSet<>(reported.keySet());
            accounts.addAll(recomputed.keySet());
            for (String account : accounts) {
                Long expected = recomputed.get(account);
                Long found = reported.get(account);
                if (!java.util.Objects.equals(expected, found)) {
                    differences.add(new Difference(Difference.Kind.BALANCE, "account " + account,
                            expected == null ? "no such account" : Long.toString(expected),
                            found == null ? "no such account" : Long.toString(found)));
                }
            }
            return accounts.size();
        }

        private void print(AuditReplay.Report report, EventLog.Contents contents, int compared,
                           List<Difference> differences, double seconds) {
            PrintWriter out = spec.commandLine().getOut();
            out.printf("Replayed %,d events (%s) in %.1f s: %,d/s%n", report.events(), contents.perTopic(), seconds,
                    (long) (report.events() / Math.max(seconds, 1e-9)));
            out.printf("Recomputed %d epochs and %s%n", report.epochs(), report.produced());
            out.printf(compared > 0 ? "Compared %,d balances with the reward service%n"
                    : "Balances not compared with the service (--to)%n", compared);
            if (differences.isEmpty()) {
                out.println("No differences.");
                return;
            }
            out.printf("%d difference%s:%n", differences.size(), differences.size() == 1 ? "" : "s");
            for (Difference d : differences) {
                out.printf("  %-11s %s%n      expected: %s%n      found:    %s%n", d.kind(), d.where(), d.expected(),
                        d.found());
            }
        }

        private static ObjectNode asJson(AuditReplay.Report report, EventLog.Contents contents, int compared,
                                         List<Difference> differences, double seconds) {
            ObjectNode root = Http.JSON.createObjectNode();
            root.put("events", report.events()).put("seconds", seconds).put("epochs", report.epochs())
                    .put("balancesCompared", compared);
            root.set("perTopic", Http.JSON.valueToTree(contents.perTopic()));
            root.set("produced", Http.JSON.valueToTree(report.produced()));
            root.set("differences", Http.JSON.valueToTree(differences));
            return root;
        }
    }
}
