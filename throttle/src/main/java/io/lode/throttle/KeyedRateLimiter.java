package io.lode.throttle;

import java.time.Duration;
import java.util.Optional;
import java.util.function.LongSupplier;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

/**
 * A token bucket per key: {@code perMinute} requests a minute, in bursts of up to {@code perMinute}. Buckets of
 * keys not seen for a minute are full again and dropped, so memory is bounded by the keys active in a minute
 * (and by {@code maxKeys}).
 */
public final class KeyedRateLimiter {

    private final int perMinute;
    private final long nanosPerToken;
    private final LongSupplier clock;
    private final Cache<String, Bucket> buckets;

    public KeyedRateLimiter(int perMinute, int maxKeys, LongSupplier nanoClock) {
        if (perMinute < 1) {
            throw new IllegalArgumentException("perMinute must be at least 1");
        }
        this.perMinute = perMinute;
        this.nanosPerToken = Duration.ofMinutes(1).toNanos() / perMinute;
        this.clock = nanoClock;
        this.buckets = Caffeine.newBuilder().maximumSize(maxKeys).expireAfterAccess(Duration.ofMinutes(1)).build();
    }

    /** Takes a token for {@code key}: empty if allowed, else how long until the next token. */
    public Optional<Duration> acquire(String key) {
        Bucket bucket = buckets.get(key, k -> new Bucket(perMinute, clock.getAsLong()));
        synchronized (bucket) {
            long now = clock.getAsLong();
            long refilled = (now - bucket.updatedAt) / nanosPerToken;
            if (refilled > 0) {
                bucket.tokens = Math.min(perMinute, bucket.tokens + refilled);
                bucket.updatedAt += refilled * nanosPerToken;
            }
            if (bucket.tokens > 0) {
                bucket.tokens--;
                return Optional.empty();
            }
            return Optional.of(Duration.ofNanos(bucket.updatedAt + nanosPerToken - now));
        }
    }

    /**
     * How long until {@code key} has a token again, if it has none now; takes nothing. With {@link #acquire} after
     * the fact, it limits events only known once they happened (an unknown key is known only after its lookup).
     */
    public Optional<Duration> exhausted(String key) {
        Bucket bucket = buckets.getIfPresent(key);
        if (bucket == null) {
            return Optional.empty();
        }
        synchronized (bucket) {
            long now = clock.getAsLong();
            if (bucket.tokens > 0 || now - bucket.updatedAt >= nanosPerToken) {
                return Optional.empty();
            }
            return Optional.of(Duration.ofNanos(bucket.updatedAt + nanosPerToken - now));
        }
    }

    private static final class Bucket {
        long tokens;
        long updatedAt;

        Bucket(long tokens, long updatedAt) {
            this.tokens = tokens;
            this.updatedAt = updatedAt;
        }
    }
}
