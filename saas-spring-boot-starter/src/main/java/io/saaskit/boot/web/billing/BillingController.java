package io.saaskit.boot.web.billing;

import java.util.Objects;

import io.saaskit.boot.web.support.JsonBodyReader;
import io.saaskit.boot.web.support.JsonFields;
import io.saaskit.boot.web.support.ReceivedBody;
import io.saaskit.boot.web.support.RequestContexts;
import io.saaskit.core.billing.BillingService;
import io.saaskit.core.membership.OrgAccess;
import io.saaskit.core.membership.Permission;
import io.saaskit.core.shared.ValidationException;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The organization's billing: {@code GET /billing/status} ({@code billing.read}), {@code POST /billing/checkout}
 * with an optional body {@code {plan}} and {@code POST /billing/portal} ({@code billing.manage}), which answer
 * {@code {"url": ...}} of the Stripe page to open.
 */
@RestController
public class BillingController {

    private final BillingService billing;

    private final JsonBodyReader bodies;

    private final RequestContexts contexts;

    /**
     * Creates the controller.
     * @param billing the billing service
     * @param bodies reads JSON bodies
     * @param contexts builds request contexts for audit rows
     */
    public BillingController(BillingService billing, JsonBodyReader bodies, RequestContexts contexts) {
        this.billing = Objects.requireNonNull(billing, "billing");
        this.bodies = Objects.requireNonNull(bodies, "bodies");
        this.contexts = Objects.requireNonNull(contexts, "contexts");
    }

    /**
     * The billing status.
     * @param access the caller's access
     * @return 200 {@code {billingConfigured, plan, planLimit, subscription}}
     */
    @GetMapping("/billing/status")
    public BillingStatusResponse status(OrgAccess access) {
        return BillingStatusResponse.of(this.billing.status(access));
    }

    /**
     * Opens a Checkout session.
     * @param access the caller's access
     * @param request the request, with no body or {@code {plan}}
     * @return 200 {@code {url}}
     */
    @PostMapping("/billing/checkout")
    public UrlResponse checkout(OrgAccess access, HttpServletRequest request) {
        access.require(Permission.BILLING_MANAGE);
        ReceivedBody body = this.bodies.read(request);
        String plan = null;
        JsonFields fields = null;
        if (!body.isBlank()) {
            fields = body.requireObject();
            plan = fields.string("plan");
            if (plan != null && plan.isBlank()) {
                fields.reject("plan", "Plan must not be empty");
            }
            fields.validate();
        }
        try {
            return new UrlResponse(this.billing.checkout(access, plan, this.contexts.of(request)));
        }
        catch (ValidationException ex) {
            throw merged(fields, ex);
        }
    }

    private static RuntimeException merged(@Nullable JsonFields fields, ValidationException ex) {
        return (fields != null) ? fields.merge(ex) : ex;
    }

    /**
     * Opens a billing portal session.
     * @param access the caller's access
     * @param request the request
     * @return 200 {@code {url}}
     */
    @PostMapping("/billing/portal")
    public UrlResponse portal(OrgAccess access, HttpServletRequest request) {
        return new UrlResponse(this.billing.portal(access, this.contexts.of(request)));
    }
}
