package io.saaskit.core.ratelimit;

import java.time.Duration;

/**
 * The answer of a rate limiter for one hit.
 */
public sealed interface RateLimitDecision {

    /**
     * The rule that decided.
     * @return the rule
     */
    RateLimitRule rule();

    /**
     * Time until the current window closes.
     * @return the time to reset, never negative
     */
    Duration resetAfter();

    /**
     * The hit was admitted and counted.
     *
     * @param rule the rule
     * @param remaining hits still admitted in this window
     * @param resetAfter time until the window closes
     */
    record Allowed(RateLimitRule rule, long remaining, Duration resetAfter) implements RateLimitDecision {
    }

    /**
     * The hit was refused.
     *
     * @param rule the rule
     * @param resetAfter time until the window closes and hits are admitted again
     */
    record Limited(RateLimitRule rule, Duration resetAfter) implements RateLimitDecision {
    }
}
