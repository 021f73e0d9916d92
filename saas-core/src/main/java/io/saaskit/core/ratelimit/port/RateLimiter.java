package io.saaskit.core.ratelimit.port;

import io.saaskit.core.ratelimit.RateLimitDecision;
import io.saaskit.core.ratelimit.RateLimitRule;

/**
 * Counts hits in fixed windows. A window opens at the first counted hit of a bucket and lasts the rule's window;
 * the (limit + 1)-th hit in a window is refused. Shared implementations (Redis, PostgreSQL) make limits hold
 * across instances.
 */
public interface RateLimiter {

    /**
     * Counts one hit against a bucket.
     * @param rule the rule, which must be enabled
     * @param bucketKey the key from {@link io.saaskit.core.ratelimit.RateLimitKey}
     * @return whether the hit is admitted
     */
    RateLimitDecision hit(RateLimitRule rule, String bucketKey);
}
