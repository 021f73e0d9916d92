package io.saaskit.core.ratelimit;

import java.time.Clock;

import io.saaskit.core.ratelimit.port.RateLimiter;
import io.saaskit.core.ratelimit.port.RateLimiterContractTests;

class InProcessRateLimiterTests extends RateLimiterContractTests {

    @Override
    protected RateLimiter createRateLimiter(Clock clock) {
        return new InProcessRateLimiter(clock);
    }
}
