package io.saaskit.boot.web.plan;

import io.saaskit.core.metering.CurrentPlan;
import org.jspecify.annotations.Nullable;

/**
 * The body of {@code POST /admin/plan}, as in the original product.
 *
 * @param plan the plan id
 * @param planLimit its {@code api_requests} limit
 */
public record PlanOverrideResponse(String plan, @Nullable Long planLimit) {

    static PlanOverrideResponse of(CurrentPlan current) {
        return new PlanOverrideResponse(current.plan(), current.planLimit());
    }
}
