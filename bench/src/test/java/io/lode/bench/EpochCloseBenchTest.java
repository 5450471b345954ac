package io.lode.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The epoch-close benchmark runs the real closer on a real database; checked small here, timed only by hand. */
class EpochCloseBenchTest {

    @Test
    void closesEpochsOfEveryAccountWithDistinctRoots() throws Exception {
        System.setProperty("lode.repo.root", "..");
        EpochCloseBench.Result result = new EpochCloseBench().run(500, 2);
        assertThat(result.closes()).hasSize(2);
        assertThat(result.lastRoot()).hasSize(64);
        assertThat(EpochCloseBench.markdown(result)).contains("500 accounts").contains("| 2 |");
    }
}
