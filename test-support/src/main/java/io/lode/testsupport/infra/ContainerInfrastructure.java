package io.lode.testsupport.infra;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;

/** The same infrastructure from Testcontainers, used only where a Docker engine answers. */
public final class ContainerInfrastructure implements Infrastructure {

    private final KafkaContainer kafka;
    private final PostgreSQLContainer postgres;

    private ContainerInfrastructure(KafkaContainer kafka, PostgreSQLContainer postgres) {
        this.kafka = kafka;
        this.postgres = postgres;
    }

    public static ContainerInfrastructure start() {
        KafkaContainer kafka = new KafkaContainer("apache/kafka:4.1.2");
        PostgreSQLContainer postgres = new PostgreSQLContainer("postgres:18");
        kafka.start();
        postgres.start();
        return new ContainerInfrastructure(kafka, postgres);
    }

    @Override
    public String bootstrapServers() {
        return kafka.getBootstrapServers();
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
        kafka.stop();
        postgres.stop();
    }
}
