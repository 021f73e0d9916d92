package io.saaskit.core.metering;

import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * The plan that decides an organization's limits right now, with the reason it applies.
 *
 * @param plan the plan, its limits already adjusted by an override
 * @param source why it applies
 */
public record EffectivePlan(Plan plan, PlanSource source) {

    public EffectivePlan {
        Objects.requireNonNull(plan, "plan");
        Objects.requireNonNull(source, "source");
    }

    /**
     * The plan's {@code api_requests} limit, the value kept in {@code organization.plan_limit}.
     * @return the limit, or {@code null} when unlimited
     */
    public @Nullable Long apiRequestsLimit() {
        return this.plan.limit(Metrics.API_REQUESTS).orElse(null);
    }
}
