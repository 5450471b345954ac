package io.lode.reward;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * Base of the reward service's {@code @QuarkusTest}s: each test gets a fresh consumer and agent
 * ({@link LedgerScenario}) on the shared real broker.
 */
public abstract class LedgerServiceIT {

    protected LedgerScenario scenario;

    @BeforeEach
    void openScenario() {
        scenario = new LedgerScenario();
    }

    @AfterEach
    void closeScenario() {
        scenario.close();
    }
}
