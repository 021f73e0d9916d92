package io.saaskit.core.ratelimit;

import java.time.Duration;
import java.util.List;

import io.saaskit.core.shared.SaasException;

/**
 * A rate limit refused the request. Carries the refusing rule and every decision taken for the request, so
 * the 429 response can carry {@code Retry-After} and the {@code RateLimit} headers.
 */
public class RateLimitExceededException extends SaasException {

    private static final long serialVersionUID = 1L;

    private final transient RateLimitDecision.Limited decision;

    private final transient List<RateLimitDecision> decisions;

    public RateLimitExceededException(String message, RateLimitDecision.Limited decision,
            List<RateLimitDecision> decisions) {
        super(message);
        this.decision = decision;
        this.decisions = List.copyOf(decisions);
    }

    /**
     * The refusing decision.
     * @return the decision
     */
    public RateLimitDecision.Limited decision() {
        return this.decision;
    }

    /**
     * Every decision taken for the request, in order, the refusing one last.
     * @return the decisions
     */
    public List<RateLimitDecision> decisions() {
        return this.decisions;
    }

    /**
     * Seconds to wait, at least one.
     * @return the retry delay in whole seconds
     */
    public long retryAfterSeconds() {
        Duration reset = this.decision.resetAfter();
        long seconds = reset.getSeconds() + ((reset.getNano() > 0) ? 1 : 0);
        return Math.max(1, seconds);
    }

    @Override
    public String code() {
        return "RATE_LIMIT";
    }
}
