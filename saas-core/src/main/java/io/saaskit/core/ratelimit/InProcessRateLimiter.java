package io.saaskit.core.ratelimit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import io.saaskit.core.ratelimit.port.RateLimiter;

/**
 * A rate limiter whose counters live in this process: exact for one instance, not shared between instances.
 * Used for {@code saaskit.rate-limit.store=memory} and when no shared store is configured.
 */
public final class InProcessRateLimiter implements RateLimiter {

    /** Expired buckets are swept once the map grows past this size... */
    private static final int SWEEP_THRESHOLD = 10_000;

    /** ...and at most this often, so a flood of distinct keys does not make every hit scan the map. */
    private static final Duration SWEEP_INTERVAL = Duration.ofSeconds(1);

    private volatile Instant nextSweep = Instant.MIN;

    private final ConcurrentMap<String, Window> windows = new ConcurrentHashMap<>();

    private final Clock clock;

    public InProcessRateLimiter(Clock clock) {
        this.clock = clock;
    }

    @Override
    public RateLimitDecision hit(RateLimitRule rule, String bucketKey) {
        return hit(rule, bucketKey, 1);
    }

    @Override
    public RateLimitDecision hit(RateLimitRule rule, String bucketKey, long hits) {
        if (hits < 1) {
            throw new IllegalArgumentException("hits must be at least 1");
        }
        Instant now = this.clock.instant();
        if (this.windows.size() > SWEEP_THRESHOLD && !now.isBefore(this.nextSweep)) {
            this.nextSweep = now.plus(SWEEP_INTERVAL);
            this.windows.values().removeIf((window) -> !window.resetAt().isAfter(now));
        }
        Window window = this.windows.compute(bucketKey, (key, current) -> {
            if (current == null || !current.resetAt().isAfter(now)) {
                return new Window(hits, now.plus(rule.window()));
            }
            return new Window(current.count() + hits, current.resetAt());
        });
        Duration resetAfter = Duration.between(now, window.resetAt());
        if (window.count() > rule.limit()) {
            return new RateLimitDecision.Limited(rule, resetAfter);
        }
        return new RateLimitDecision.Allowed(rule, rule.limit() - window.count(), resetAfter);
    }

    private record Window(long count, Instant resetAt) {
    }
}
