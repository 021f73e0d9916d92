package io.saaskit.boot.web.plan;

import java.util.Objects;

import io.saaskit.boot.web.support.JsonBodyReader;
import io.saaskit.boot.web.support.JsonFields;
import io.saaskit.boot.web.support.ProblemCode;
import io.saaskit.boot.web.support.RefusedRequestException;
import io.saaskit.boot.web.support.RequestContexts;
import io.saaskit.core.membership.OrgAccess;
import io.saaskit.core.membership.Permission;
import io.saaskit.core.metering.PlanService;
import io.saaskit.core.shared.ValidationException;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The organization's plan: {@code GET /admin/plan} ({@code plan.read}), {@code POST /admin/plan}
 * ({@code plan.update}) to set an override {@code {plan, planLimit}}, and {@code DELETE /admin/plan} to clear it.
 * In demo mode POST and DELETE answer 403 DEMO_MODE; with overrides disabled, 403 FORBIDDEN.
 */
@RestController
@RequestMapping("/admin/plan")
public class PlanController {

    /** The detail of the demo-mode refusal. */
    public static final String DEMO_DETAIL = "Disabled in demo mode";

    private final PlanService plans;

    private final JsonBodyReader bodies;

    private final RequestContexts contexts;

    private final boolean demoMode;

    /**
     * Creates the controller.
     * @param plans the plan service
     * @param bodies reads JSON bodies
     * @param contexts builds request contexts for audit rows
     * @param demoMode whether demo mode is on
     */
    public PlanController(PlanService plans, JsonBodyReader bodies, RequestContexts contexts, boolean demoMode) {
        this.plans = plans;
        this.bodies = bodies;
        this.contexts = contexts;
        this.demoMode = demoMode;
    }

    /**
     * The effective plan.
     * @param access the caller's access
     * @return 200 {@code {plan, planLimit, source}}
     */
    @GetMapping
    public PlanResponse current(OrgAccess access) {
        return PlanResponse.of(this.plans.current(access));
    }

    /**
     * Sets the override.
     * @param access the caller's access
     * @param request the request, whose body is {@code {plan, planLimit}}
     * @return 200 {@code {plan, planLimit}}
     */
    @PostMapping
    public PlanOverrideResponse override(OrgAccess access, HttpServletRequest request) {
        refuseInDemoMode(access);
        JsonFields fields = this.bodies.read(request).requireObject();
        String plan = fields.string("plan");
        if (plan == null && !fields.hasError("plan")) {
            fields.reject("plan", "Plan is required");
        }
        Long planLimit = planLimit(fields);
        fields.validate();
        try {
            return PlanOverrideResponse.of(this.plans.override(access, Objects.requireNonNull(plan),
                    Objects.requireNonNull(planLimit), this.contexts.of(request)));
        }
        catch (ValidationException ex) {
            throw fields.merge(ex);
        }
    }

    private static @Nullable Long planLimit(JsonFields fields) {
        JsonNode planLimit = fields.node("planLimit");
        if (planLimit == null) {
            fields.reject("planLimit", "Plan limit is required");
            return null;
        }
        if (!planLimit.isIntegralNumber() || !planLimit.canConvertToLong()) {
            fields.reject("planLimit", "Plan limit must be a positive integer");
            return null;
        }
        return planLimit.longValue();
    }

    /**
     * Clears the override.
     * @param access the caller's access
     * @param request the request
     * @return 200 {@code {plan, planLimit, source}}
     */
    @DeleteMapping
    public PlanResponse clear(OrgAccess access, HttpServletRequest request) {
        refuseInDemoMode(access);
        return PlanResponse.of(this.plans.clearOverride(access, this.contexts.of(request)));
    }

    private void refuseInDemoMode(OrgAccess access) {
        if (this.demoMode) {
            // A caller who could not change the plan anyway keeps getting the permission refusal.
            access.require(Permission.PLAN_UPDATE);
            throw new RefusedRequestException(ProblemCode.DEMO_MODE, DEMO_DETAIL);
        }
    }
}
