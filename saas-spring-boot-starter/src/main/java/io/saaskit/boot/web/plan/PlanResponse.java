package io.saaskit.boot.web.plan;

import io.saaskit.core.metering.CurrentPlan;
import org.jspecify.annotations.Nullable;

/**
 * The body of {@code GET} and {@code DELETE /admin/plan}: the effective plan and why it applies.
 *
 * @param plan the plan id
 * @param planLimit its {@code api_requests} limit, or {@code null} when unlimited
 * @param source {@code default}, {@code subscription} or {@code override}
 */
public record PlanResponse(String plan, @Nullable Long planLimit, String source) {

    static PlanResponse of(CurrentPlan current) {
        return new PlanResponse(current.plan(), current.planLimit(), current.source().key());
    }
}
