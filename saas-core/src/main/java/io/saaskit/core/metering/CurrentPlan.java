package io.saaskit.core.metering;

import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * An organization's effective plan as {@code /admin/plan} shows it.
 *
 * @param plan the effective plan id
 * @param planLimit its {@code api_requests} limit, or {@code null} when unlimited
 * @param source why it applies
 */
public record CurrentPlan(String plan, @Nullable Long planLimit, PlanSource source) {

    public CurrentPlan {
        Objects.requireNonNull(plan, "plan");
        Objects.requireNonNull(source, "source");
    }

    static CurrentPlan of(EffectivePlan effective) {
        return new CurrentPlan(effective.plan().id(), effective.apiRequestsLimit(), effective.source());
    }
}
