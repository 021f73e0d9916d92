package io.saaskit.boot.autoconfigure;

import java.time.Clock;
import java.time.Duration;

import io.saaskit.core.ratelimit.InProcessRateLimiter;
import io.saaskit.core.ratelimit.ReconcilingRateLimiter;
import io.saaskit.core.ratelimit.port.RateLimiter;

/**
 * The limiter of the {@code api_key} scope: the shared {@link RateLimiter} wrapped in a
 * {@link ReconcilingRateLimiter} when {@code saaskit.rate-limit.api-key.sync-interval} is positive and the store is
 * shared, else the shared limiter itself. A bean of its own type, not a {@link RateLimiter}, so the auth scopes keep
 * the exact shared limiter and the sync thread is stopped when the context closes.
 */
final class ApiKeyRateLimiter implements AutoCloseable {

    private final RateLimiter limiter;

    private ApiKeyRateLimiter(RateLimiter limiter) {
        this.limiter = limiter;
    }

    static ApiKeyRateLimiter of(RateLimiter shared, Clock clock, Duration syncInterval) {
        if (syncInterval.isZero() || syncInterval.isNegative() || shared instanceof InProcessRateLimiter) {
            return new ApiKeyRateLimiter(shared);
        }
        return new ApiKeyRateLimiter(new ReconcilingRateLimiter(shared, clock, syncInterval));
    }

    RateLimiter limiter() {
        return this.limiter;
    }

    @Override
    public void close() {
        if (this.limiter instanceof ReconcilingRateLimiter reconciling) {
            reconciling.close();
        }
    }
}
