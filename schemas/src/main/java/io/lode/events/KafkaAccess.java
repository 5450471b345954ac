package io.lode.events;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Who may do what on the broker: each service's own principal (SASL/SCRAM) may write only the topics whose events
 * it publishes (and its dead-letter topic) and read only what it consumes, with consumer groups under its own
 * prefix. The local network and the tests create these users and ACLs ({@code Infrastructure}); the chart renders
 * the same table as Strimzi {@code KafkaUser}s. A client without credentials reaches nothing: a forged verdict
 * needs the verifier's password.
 */
public record KafkaAccess(String principal, List<Topic> writes, List<Topic> reads, List<String> groupPrefixes) {

    /** The SASL mechanism every Lode client uses. */
    public static final String MECHANISM = "SCRAM-SHA-512";

    public KafkaAccess {
        writes = List.copyOf(writes);
        reads = List.copyOf(reads);
        groupPrefixes = List.copyOf(groupPrefixes);
    }

    public static final KafkaAccess REGISTRY = service("registry-service", List.of(Topics.AGENTS),
            List.of(Topics.EXAMS, Topics.LEDGER, Topics.AGENTS), "registry-");
    public static final KafkaAccess ORCHESTRATOR = service("orchestrator-service", List.of(Topics.TASKS),
            List.of(Topics.LEDGER, Topics.AGENTS, Topics.EXAMS, Topics.VERDICTS), "orchestrator-");
    public static final KafkaAccess VERIFIER = service("verifier-service",
            List.of(Topics.AGENTS, Topics.EXAMS, Topics.VERDICTS), List.of(Topics.AGENTS, Topics.ACCOUNTS, Topics.TASKS),
            "verifier-");
    public static final KafkaAccess REWARD = service("reward-service", List.of(Topics.LEDGER, Topics.EPOCHS),
            List.of(Topics.ACCOUNTS, Topics.TASKS, Topics.VERDICTS), "reward-");
    public static final KafkaAccess GATEWAY = service("gateway-service", List.of(Topics.ACCOUNTS), List.of(),
            "gateway-");
    /** {@code lode audit replay}: reads every event topic (by partition, no group), writes nothing. */
    public static final KafkaAccess AUDITOR = new KafkaAccess("lode-auditor", List.of(), Topics.EVENT_TOPICS, List.of());

    /** Every principal but the operator's super user, which creates topics, users and ACLs. */
    public static final List<KafkaAccess> ALL = List.of(REGISTRY, ORCHESTRATOR, VERIFIER, REWARD, GATEWAY, AUDITOR);

    private static KafkaAccess service(String name, List<Topic> publishes, List<Topic> consumes, String groupPrefix) {
        return new KafkaAccess(name, Stream.concat(publishes.stream(), Stream.of(Topics.deadLetters(name))).toList(),
                consumes, List.of(groupPrefix));
    }

    public static KafkaAccess of(String principal) {
        return ALL.stream().filter(a -> a.principal.equals(principal)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no Kafka principal " + principal));
    }

    /** Client settings that authenticate as {@code username} over SASL/SCRAM (plaintext transport). */
    public static Map<String, Object> clientConfig(String bootstrapServers, String username, String password) {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("bootstrap.servers", bootstrapServers);
        config.put("security.protocol", "SASL_PLAINTEXT");
        config.put("sasl.mechanism", MECHANISM);
        config.put("sasl.jaas.config", jaas(username, password));
        return config;
    }

    /** The JAAS line of a SCRAM client; user names and passwords must not contain a double quote. */
    public static String jaas(String username, String password) {
        if (username.contains("\"") || password.contains("\"")) {
            throw new IllegalArgumentException("a Kafka user name or password cannot contain '\"'");
        }
        return "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"" + username
                + "\" password=\"" + password + "\";";
    }
}
