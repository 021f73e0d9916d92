package io.saaskit.core.metering;

import java.time.Instant;
import java.util.Objects;

import io.saaskit.core.shared.SaasException;

/**
 * Admitting a request would push the organization past its plan limit for the period; nothing was counted. The
 * web layer answers 429 with {@code Retry-After} set to the seconds left until {@link #periodEnd()}.
 */
public class UsageLimitExceededException extends SaasException {

    private static final long serialVersionUID = 1L;

    /** The detail of the refusal. */
    public static final String DETAIL = "Usage limit exceeded";

    private final String metric;

    private final long used;

    private final long limit;

    private final Instant periodEnd;

    private final long retryAfterSeconds;

    /**
     * Creates the refusal.
     * @param metric the metric
     * @param used the usage counted in the period
     * @param limit the plan's limit
     * @param periodEnd when the period ends and usage starts from zero
     * @param retryAfterSeconds whole seconds until then, at least one
     */
    public UsageLimitExceededException(String metric, long used, long limit, Instant periodEnd,
            long retryAfterSeconds) {
        super(DETAIL);
        this.metric = Objects.requireNonNull(metric, "metric");
        this.used = used;
        this.limit = limit;
        this.periodEnd = Objects.requireNonNull(periodEnd, "periodEnd");
        this.retryAfterSeconds = Math.max(1, retryAfterSeconds);
    }

    public String metric() {
        return this.metric;
    }

    public long used() {
        return this.used;
    }

    public long limit() {
        return this.limit;
    }

    public Instant periodEnd() {
        return this.periodEnd;
    }

    /**
     * Whole seconds until the period ends, rounded up, at least one.
     * @return the retry delay
     */
    public long retryAfterSeconds() {
        return this.retryAfterSeconds;
    }

    @Override
    public String code() {
        return "USAGE_LIMIT";
    }
}
