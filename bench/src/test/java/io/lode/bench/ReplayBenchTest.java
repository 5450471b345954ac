package io.lode.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The replay benchmark replays a simulated log from memory and from a real broker, failing on any difference;
 * checked small here, timed only by hand.
 */
class ReplayBenchTest {

    @Test
    void replaysTheWholeLogBothWaysWithoutADifference() throws Exception {
        ReplayBench.Result result = new ReplayBench().run(2_000, 1);
        assertThat(result.events()).isGreaterThan(10_000);
        assertThat(result.epochs()).isEqualTo(20);
        assertThat(result.inMemoryPerSecond()).isPositive();
        assertThat(result.fromKafkaPerSecond()).isPositive();
        assertThat(ReplayBench.markdown(result)).contains("| decode + replay, in memory |");
    }
}
