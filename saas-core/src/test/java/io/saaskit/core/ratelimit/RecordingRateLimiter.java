package io.saaskit.core.ratelimit;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.saaskit.core.ratelimit.port.RateLimiter;

/**
 * A {@link RateLimiter} that records every bucket key hit before passing it on, to show which counters a request
 * touched.
 */
final class RecordingRateLimiter implements RateLimiter {

    private final RateLimiter delegate;

    final List<String> keys = new CopyOnWriteArrayList<>();

    RecordingRateLimiter(RateLimiter delegate) {
        this.delegate = delegate;
    }

    @Override
    public RateLimitDecision hit(RateLimitRule rule, String bucketKey) {
        this.keys.add(bucketKey);
        return this.delegate.hit(rule, bucketKey);
    }

    @Override
    public RateLimitDecision hit(RateLimitRule rule, String bucketKey, long hits) {
        this.keys.add(bucketKey);
        return this.delegate.hit(rule, bucketKey, hits);
    }
}
