package io.lode.registry;

import javax.sql.DataSource;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

import jakarta.inject.Inject;

/**
 * Base of the registry's {@code @QuarkusTest}s: each test gets its own agent servers and a reader of lode.agents
 * on the shared real broker, and the service's database.
 */
public abstract class RegistryServiceIT {

    protected static final String PROBLEM = "https://lode.dev/problems/";

    @Inject
    protected DataSource dataSource;

    protected TestAgents agents;
    protected AgentsTopic topic;

    @BeforeEach
    void openAgentsAndTopic() {
        agents = new TestAgents();
        topic = new AgentsTopic();
    }

    @AfterEach
    void closeAgentsAndTopic() throws Exception {
        topic.close();
        agents.close();
    }
}
