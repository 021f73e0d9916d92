package io.saaskit.core.metering;

import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * The plan columns of one organization as stored: the effective plan id and {@code api_requests} limit (kept in
 * sync so reads such as {@code GET /org} need no computation), where they come from, and the operator's override.
 *
 * @param plan the effective plan id
 * @param planLimit the effective {@code api_requests} limit, or {@code null} when unlimited
 * @param source why this plan is effective
 * @param overridePlan the override's plan id, or {@code null} when there is no override
 * @param overrideLimit the override's {@code api_requests} limit, or {@code null} when there is no override
 */
public record OrganizationPlan(String plan, @Nullable Long planLimit, PlanSource source,
        @Nullable String overridePlan, @Nullable Long overrideLimit) {

    public OrganizationPlan {
        Objects.requireNonNull(plan, "plan");
        Objects.requireNonNull(source, "source");
    }

    /**
     * Whether an override is set.
     * @return true when {@link #overridePlan()} is set
     */
    public boolean hasOverride() {
        return this.overridePlan != null;
    }

    /**
     * The same override, with another effective plan.
     * @param effective the effective plan
     * @return a new value
     */
    public OrganizationPlan withEffective(EffectivePlan effective) {
        return new OrganizationPlan(effective.plan().id(), effective.apiRequestsLimit(), effective.source(),
                this.overridePlan, this.overrideLimit);
    }

    /**
     * Whether the effective columns equal an effective plan.
     * @param effective the effective plan
     * @return true when plan id, limit and source match
     */
    public boolean matches(EffectivePlan effective) {
        return this.plan.equals(effective.plan().id()) && Objects.equals(this.planLimit, effective.apiRequestsLimit())
                && this.source == effective.source();
    }
}
