package io.lode.throttle;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

class KeyedRateLimiterTest {

    private final AtomicLong clock = new AtomicLong();
    private final KeyedRateLimiter limiter = new KeyedRateLimiter(60, 1_000, clock::get);

    @Test
    void aBurstOfTheMinutesBudgetPassesThenTheNextWaitsForItsToken() {
        for (int i = 0; i < 60; i++) {
            assertThat(limiter.acquire("k")).as("call %d", i).isEmpty();
        }
        assertThat(limiter.acquire("k")).hasValue(Duration.ofSeconds(1));
        clock.addAndGet(Duration.ofMillis(400).toNanos());
        assertThat(limiter.acquire("k")).hasValue(Duration.ofMillis(600));
        clock.addAndGet(Duration.ofMillis(600).toNanos());
        assertThat(limiter.acquire("k")).isEmpty();
        assertThat(limiter.acquire("k")).isPresent();
    }

    @Test
    void keysHaveTheirOwnBuckets() {
        for (int i = 0; i < 60; i++) {
            limiter.acquire("a");
        }
        assertThat(limiter.acquire("a")).isPresent();
        assertThat(limiter.acquire("b")).isEmpty();
    }

    @Test
    void exhaustedTellsTheWaitWithoutTakingAToken() {
        assertThat(limiter.exhausted("k")).as("a key never seen").isEmpty();
        for (int i = 0; i < 60; i++) {
            assertThat(limiter.exhausted("k")).isEmpty();
            limiter.acquire("k");
        }
        assertThat(limiter.exhausted("k")).hasValue(Duration.ofSeconds(1));
        assertThat(limiter.exhausted("k")).as("asking takes nothing").hasValue(Duration.ofSeconds(1));
        clock.addAndGet(Duration.ofSeconds(1).toNanos());
        assertThat(limiter.exhausted("k")).isEmpty();
        assertThat(limiter.acquire("k")).isEmpty();
        assertThat(limiter.exhausted("k")).isPresent();
    }
}
