package io.lode.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

import org.flywaydb.core.Flyway;

import io.lode.testsupport.infra.FreePorts;
import io.lode.testsupport.infra.PostgresServer;

/**
 * An embedded PostgreSQL 18 (the binaries the tests use) with one service's database, migrated by the service's
 * own Flyway scripts read from the source tree — the bench's classpath holds several services' migrations, which
 * share version numbers. Run benchmarks that use it from the repository root (or set {@code lode.repo.root}).
 */
final class BenchDatabase implements AutoCloseable {

    private final PostgresServer postgres;
    private final String url;

    private BenchDatabase(PostgresServer postgres, String url) {
        this.postgres = postgres;
        this.url = url;
    }

    static BenchDatabase start(String database, String serviceModule) throws Exception {
        PostgresServer postgres = PostgresServer.start(Files.createTempDirectory("lode-bench-pg"), FreePorts.any());
        postgres.createDatabase(database);
        String url = postgres.jdbcUrl(database);
        Path root = Path.of(System.getProperty("lode.repo.root", ".")).toAbsolutePath().normalize();
        Flyway.configure().dataSource(url, PostgresServer.USER, PostgresServer.PASSWORD)
                .locations("filesystem:" + root.resolve(serviceModule + "/src/main/resources/db/migration"),
                        "filesystem:" + root.resolve("schemas/src/main/resources/db/lode-messaging"))
                .load().migrate();
        return new BenchDatabase(postgres, url);
    }

    Connection connect() throws SQLException {
        return DriverManager.getConnection(url, PostgresServer.USER, PostgresServer.PASSWORD);
    }

    @Override
    public void close() throws Exception {
        postgres.close();
    }
}
