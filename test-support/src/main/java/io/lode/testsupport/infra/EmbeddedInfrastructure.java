package io.lode.testsupport.infra;

import java.nio.file.Path;

/** Kafka in this JVM and PostgreSQL from the embedded binaries: needs no Docker. */
public final class EmbeddedInfrastructure implements Infrastructure {

    private final KafkaBroker kafka;
    private final PostgresServer postgres;

    private EmbeddedInfrastructure(KafkaBroker kafka, PostgresServer postgres) {
        this.kafka = kafka;
        this.postgres = postgres;
    }

    /** Starts both with data under {@code dataDir} on the given ports (0 picks free ones). */
    public static EmbeddedInfrastructure start(Path dataDir, int kafkaPort, int controllerPort, int postgresPort) {
        PostgresServer postgres = PostgresServer.start(dataDir.resolve("postgres"), orFree(postgresPort));
        try {
            KafkaBroker kafka = KafkaBroker.start(dataDir.resolve("kafka"), orFree(kafkaPort), orFree(controllerPort));
            return new EmbeddedInfrastructure(kafka, postgres);
        } catch (RuntimeException e) {
            postgres.close();
            throw e;
        }
    }

    private static int orFree(int port) {
        return port != 0 ? port : FreePorts.any();
    }

    @Override
    public String bootstrapServers() {
        return kafka.bootstrapServers();
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
