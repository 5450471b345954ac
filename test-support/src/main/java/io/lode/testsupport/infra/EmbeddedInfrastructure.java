package io.lode.testsupport.infra;

import java.nio.file.Path;

/** Kafka in this JVM and PostgreSQL from the embedded binaries: needs no Docker. */
public final class EmbeddedInfrastructure implements Infrastructure {

    private final Path dataDir;
    private final int kafkaPort;
    private final int controllerPort;
    private final int postgresPort;
    private final KafkaPasswords kafkaPasswords = new KafkaPasswords();
    private KafkaBroker kafka;
    private PostgresServer postgres;

    private EmbeddedInfrastructure(Path dataDir, int kafkaPort, int controllerPort, int postgresPort) {
        this.dataDir = dataDir;
        this.kafkaPort = kafkaPort;
        this.controllerPort = controllerPort;
        this.postgresPort = postgresPort;
    }

    /**
     * Starts both with data under {@code dataDir} on the given ports (0 picks free ones); the broker's users and
     * ACLs are those of {@link io.lode.events.KafkaAccess}, with passwords new to this run.
     */
    public static EmbeddedInfrastructure start(Path dataDir, int kafkaPort, int controllerPort, int postgresPort) {
        EmbeddedInfrastructure infrastructure = new EmbeddedInfrastructure(dataDir, orFree(kafkaPort),
                orFree(controllerPort), orFree(postgresPort));
        infrastructure.startPostgres();
        try {
            infrastructure.startKafka();
            infrastructure.grantKafkaAccess();
            return infrastructure;
        } catch (RuntimeException e) {
            if (infrastructure.kafka != null) {
                infrastructure.kafka.close();
            }
            infrastructure.postgres.close();
            throw e;
        }
    }

    /** Stops the broker and starts it again on the same port and logs, as an operator's restart would. */
    public synchronized void restartKafka() {
        kafka.close();
        startKafka();
    }

    /** Stops PostgreSQL (fast shutdown: clients are disconnected) and starts it again on the same port and data. */
    public synchronized void restartPostgres() {
        postgres.close();
        startPostgres();
    }

    private void startKafka() {
        kafka = KafkaBroker.start(dataDir.resolve("kafka"), kafkaPort, controllerPort, kafkaPassword(KafkaBroker.ADMIN));
    }

    private void startPostgres() {
        postgres = PostgresServer.start(dataDir.resolve("postgres"), postgresPort);
    }

    private static int orFree(int port) {
        return port != 0 ? port : FreePorts.any();
    }

    @Override
    public String bootstrapServers() {
        return kafka.bootstrapServers();
    }

    @Override
    public String kafkaPassword(String principal) {
        return kafkaPasswords.of(principal);
    }

    @Override
    public String database(String name) {
        postgres.createDatabase(name);
        return postgres.jdbcUrl(name);
    }

    @Override
    public String databaseUser() {
        return PostgresServer.USER;
    }

    @Override
    public String databasePassword() {
        return PostgresServer.PASSWORD;
    }

    @Override
    public void close() {
        try {
            kafka.close();
        } finally {
            postgres.close();
        }
    }
}
