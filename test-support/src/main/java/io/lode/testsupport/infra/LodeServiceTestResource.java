package io.lode.testsupport.infra;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Points a {@code @QuarkusTest} service at the shared real Kafka broker, as its own principal (SASL/SCRAM, the ACLs
 * of {@code KafkaAccess}: the service under test gets no right it lacks in production), and at its own PostgreSQL
 * database. Use {@code @QuarkusTestResource(value = LodeServiceTestResource.class, initArgs = @ResourceArg(name =
 * "database", value = "registry"))}; the principal is {@code <database>-service}. The test itself, playing the other
 * services, writes as the super user: {@link TestKafka#client()}.
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
        String principal = database + "-service";
        return Map.of(
                "kafka.bootstrap.servers", infrastructure.bootstrapServers(),
                "lode.kafka.username", principal,
                "lode.kafka.password", infrastructure.kafkaPassword(principal),
                TestKafka.ADMIN_PASSWORD, infrastructure.kafkaPassword(KafkaBroker.ADMIN),
                "quarkus.datasource.jdbc.url", infrastructure.database(database),
                "quarkus.datasource.username", infrastructure.databaseUser(),
                "quarkus.datasource.password", infrastructure.databasePassword());
    }

    @Override
    public void stop() {
        // The infrastructure outlives each test class; SharedInfrastructure stops it when the JVM exits.
    }
}
