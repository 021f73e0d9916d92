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

    /**
     * Counts several hits against a bucket at once, in one atomic step of the store: how a limiter that counts
     * locally ({@link io.saaskit.core.ratelimit.ReconcilingRateLimiter}) pushes the hits it admitted since its last
     * sync. A missing or closed window opens with these hits; every hit is counted, also past the limit.
     * @param rule the rule, which must be enabled
     * @param bucketKey the key from {@link io.saaskit.core.ratelimit.RateLimitKey}
     * @param hits how many hits to count, at least one
     * @return {@link RateLimitDecision.Allowed} with the hits remaining after the batch when the window's count is
     *         still within the limit, otherwise {@link RateLimitDecision.Limited}
     */
    RateLimitDecision hit(RateLimitRule rule, String bucketKey, long hits);
}
