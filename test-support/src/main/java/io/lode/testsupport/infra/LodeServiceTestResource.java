package io.lode.testsupport.infra;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Points a {@code @QuarkusTest} service at the shared real Kafka broker and its own PostgreSQL database.
 * Use {@code @QuarkusTestResource(value = LodeServiceTestResource.class, initArgs = @ResourceArg(name =
 * "database", value = "registry"))}.
 */
public class LodeServiceTestResource implements QuarkusTestResourceLifecycleManager {

    private String database = "lode";

    @Override
    public void init(Map<String, String> initArgs) {
        database = initArgs.getOrDefault("database", database);
    }

    @Override
    public Map<String, String> start() {
        Infrastructure infrastructure = SharedInfrastructure.get();
        return Map.of(
                "kafka.bootstrap.servers", infrastructure.bootstrapServers(),
                "quarkus.datasource.jdbc.url", infrastructure.database(database),
                "quarkus.datasource.username", infrastructure.databaseUser(),
                "quarkus.datasource.password", infrastructure.databasePassword());
    }

    @Override
    public void stop() {
        // The infrastructure outlives each test class; SharedInfrastructure stops it when the JVM exits.
    }
}
