package io.saaskit.core.ratelimit;

import java.time.Clock;
import java.time.Duration;

import io.saaskit.core.ratelimit.port.RateLimiter;
import io.saaskit.core.ratelimit.port.RateLimiterContractTests;

import org.junit.jupiter.api.AfterEach;

/**
 * On one instance the reconciling limiter must behave exactly like the shared limiter it wraps: the whole contract,
 * concurrency included, holds between syncs (the sync thread is kept out of the way by a long interval).
 */
class ReconcilingRateLimiterContractTests extends RateLimiterContractTests {

    @Override
    protected RateLimiter createRateLimiter(Clock clock) {
        return new ReconcilingRateLimiter(new InProcessRateLimiter(clock), clock, Duration.ofHours(1));
    }

    @AfterEach
    void closeLimiter() {
        ((ReconcilingRateLimiter) limiter()).close();
    }
}
