package io.lode.registry;

import javax.sql.DataSource;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

import jakarta.inject.Inject;

/**
 * Base of the registry's {@code @QuarkusTest}s: each test gets its own agent servers and a reader of lode.agents
 * on the shared real broker, and the service's database.
 */
public abstract class RegistryServiceIT {

    protected static final String PROBLEM = "https://lode.dev/problems/";

    @ConfigProperty(name = "kafka.bootstrap.servers")
    protected String bootstrapServers;

    @Inject
    protected DataSource dataSource;

    protected TestAgents agents;
    protected AgentsTopic topic;

    @BeforeEach
    void openAgentsAndTopic() {
        agents = new TestAgents();
        topic = new AgentsTopic(bootstrapServers);
    }

    @AfterEach
    void closeAgentsAndTopic() throws Exception {
        topic.close();
        agents.close();
    }
}
