package io.lode.local;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/** Waits for a condition with a deadline; the launcher's only way of waiting. */
final class Poll {

    private static final Duration INTERVAL = Duration.ofMillis(200);

    private Poll() {
    }

    /** Polls {@code condition} until it holds or {@code timeout} passes; then throws saying what did not happen. */
    static void until(String what, Duration timeout, BooleanSupplier condition) {
        Instant deadline = Instant.now().plus(timeout);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new LaunchException("timed out after " + timeout.toSeconds() + " s waiting for " + what);
            }
            CompletableFuture.runAsync(() -> { }, CompletableFuture.delayedExecutor(INTERVAL.toMillis(),
                    TimeUnit.MILLISECONDS)).join();
        }
    }
}
