package io.lode.testsupport.infra;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * PostgreSQL from Testcontainers, used only where a Docker engine answers. The broker is the one in this JVM
 * ({@link KafkaBroker}) here too, so that every run has the same SASL/SCRAM users and ACLs.
 */
public final class ContainerInfrastructure implements Infrastructure {

    private final KafkaPasswords kafkaPasswords;
    private final KafkaBroker kafka;
    private final PostgreSQLContainer postgres;

    private ContainerInfrastructure(KafkaPasswords kafkaPasswords, KafkaBroker kafka, PostgreSQLContainer postgres) {
        this.kafkaPasswords = kafkaPasswords;
        this.kafka = kafka;
        this.postgres = postgres;
    }

    public static ContainerInfrastructure start(Path kafkaDir) {
        KafkaPasswords passwords = new KafkaPasswords();
        PostgreSQLContainer postgres = new PostgreSQLContainer("postgres:18");
        postgres.start();
        KafkaBroker kafka = KafkaBroker.start(kafkaDir, FreePorts.any(), FreePorts.any(), passwords.of(KafkaBroker.ADMIN));
        ContainerInfrastructure infrastructure = new ContainerInfrastructure(passwords, kafka, postgres);
        infrastructure.grantKafkaAccess();
        return infrastructure;
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
        if (!name.matches("[a-z][a-z0-9_]*")) {
            throw new IllegalArgumentException("bad database name " + name);
        }
        try (Connection connection = DriverManager.getConnection(postgres.getJdbcUrl(), postgres.getUsername(),
                postgres.getPassword()); Statement statement = connection.createStatement()) {
            if (!statement.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + name + "'").next()) {
                statement.execute("CREATE DATABASE " + name);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create database " + name, e);
        }
        return "jdbc:postgresql://" + postgres.getHost() + ":" + postgres.getMappedPort(5432) + "/" + name;
    }

    @Override
    public String databaseUser() {
        return postgres.getUsername();
    }

    @Override
    public String databasePassword() {
        return postgres.getPassword();
    }

    @Override
    public void close() {
        kafka.close();
        postgres.stop();
    }
}
