package io.saaskit.core.billing;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import io.saaskit.core.audit.Actor;
import io.saaskit.core.audit.AuditEntry;
import io.saaskit.core.audit.port.AuditSink;
import io.saaskit.core.billing.port.BillingAccountStore;
import io.saaskit.core.billing.port.BillingGateway;
import io.saaskit.core.billing.port.SubscriptionRepository;
import io.saaskit.core.membership.OrgAccess;
import io.saaskit.core.membership.Permission;
import io.saaskit.core.metering.EffectivePlan;
import io.saaskit.core.metering.Plan;
import io.saaskit.core.metering.PlanService;
import io.saaskit.core.shared.BadRequestException;
import io.saaskit.core.shared.ConflictException;
import io.saaskit.core.shared.FieldError;
import io.saaskit.core.shared.NotFoundException;
import io.saaskit.core.shared.RequestContext;
import io.saaskit.core.shared.ValidationException;
import io.saaskit.core.shared.port.TransactionRunner;
import io.saaskit.core.tenancy.OrgId;

import org.jspecify.annotations.Nullable;

/**
 * The organization-facing billing flows: {@code GET /billing/status} ({@code billing.read}), and
 * {@code POST /billing/checkout} and {@code POST /billing/portal} ({@code billing.manage}), which open Stripe's
 * hosted pages.
 *
 * <p>The organization's Stripe customer is created once, on its first checkout, while its organization row is
 * locked and with the Stripe idempotency key {@code saaskit-customer-<orgId>}, so concurrent checkouts (on any
 * number of instances) create and store exactly one customer.
 */
public final class BillingService {

    /** The refusal when Stripe has no credentials. */
    public static final String NOT_CONFIGURED = "Stripe not configured";

    /** The refusal when no price or redirect URL is configured. */
    public static final String PRICE_OR_URLS_MISSING = "Stripe price or URLs missing";

    private final BillingGateway gateway;

    private final BillingAccountStore accounts;

    private final SubscriptionRepository subscriptions;

    private final PlanService plans;

    private final AuditSink audit;

    private final TransactionRunner transactions;

    private final Clock clock;

    private final BillingSettings settings;

    public BillingService(BillingGateway gateway, BillingAccountStore accounts, SubscriptionRepository subscriptions,
            PlanService plans, AuditSink audit, TransactionRunner transactions, Clock clock,
            BillingSettings settings) {
        this.gateway = Objects.requireNonNull(gateway, "gateway");
        this.accounts = Objects.requireNonNull(accounts, "accounts");
        this.subscriptions = Objects.requireNonNull(subscriptions, "subscriptions");
        this.plans = Objects.requireNonNull(plans, "plans");
        this.audit = Objects.requireNonNull(audit, "audit");
        this.transactions = Objects.requireNonNull(transactions, "transactions");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    /**
     * The organization's billing status ({@code billing.read}).
     * @param access the caller's access
     * @return the status
     */
    public BillingStatus status(OrgAccess access) {
        access.require(Permission.BILLING_READ);
        EffectivePlan plan = this.plans.effective(access.orgId());
        return new BillingStatus(this.gateway.configured(), plan.plan().id(), plan.apiRequestsLimit(),
                this.subscriptions.current(access.orgId()).orElse(null));
    }

    /**
     * Opens a Checkout session for a plan ({@code billing.manage}); audited as
     * {@code billing.checkout.initiated {plan, priceId}}.
     * @param access the caller's access
     * @param planId a plan of the catalogue that has a Stripe price, or {@code null} for the first such plan
     * @param context the request
     * @return the Checkout URL
     * @throws BadRequestException when Stripe, the price or the redirect URLs are not configured
     * @throws ValidationException when the plan is unknown or has no price
     * @throws ConflictException when the organization already has an entitled subscription
     * @throws BillingGatewayException when Stripe fails
     */
    public String checkout(OrgAccess access, @Nullable String planId, RequestContext context) {
        access.require(Permission.BILLING_MANAGE);
        requireConfigured();
        Plan plan = checkoutPlan(planId);
        String successUrl = this.settings.successUrl();
        String cancelUrl = this.settings.cancelUrl();
        String priceId = plan.stripePriceId();
        if (successUrl == null || cancelUrl == null || priceId == null) {
            throw new BadRequestException(PRICE_OR_URLS_MISSING);
        }
        OrgId orgId = access.orgId();
        Optional<Subscription> current = this.subscriptions.current(orgId);
        if (current.isPresent() && current.get().entitled()) {
            throw new ConflictException("Subscription already active; use the billing portal");
        }
        String customerId = customer(orgId);
        String url = this.gateway.createCheckoutSession(
                new CheckoutRequest(orgId, customerId, priceId, successUrl, cancelUrl));
        Map<String, @Nullable Object> metadata = new LinkedHashMap<>();
        metadata.put("plan", plan.id());
        metadata.put("priceId", priceId);
        record(access, "billing.checkout.initiated", metadata, context);
        return url;
    }

    /**
     * Opens a billing portal session for the organization's customer ({@code billing.manage}); audited as
     * {@code billing.portal.opened}.
     * @param access the caller's access
     * @param context the request
     * @return the portal URL
     * @throws BadRequestException when Stripe or the return URL is not configured
     * @throws NotFoundException when the organization has no customer yet
     * @throws BillingGatewayException when Stripe fails
     */
    public String portal(OrgAccess access, RequestContext context) {
        access.require(Permission.BILLING_MANAGE);
        requireConfigured();
        String returnUrl = this.settings.portalReturnUrl();
        if (returnUrl == null) {
            throw new BadRequestException(PRICE_OR_URLS_MISSING);
        }
        String customerId = this.accounts.find(access.orgId()).map(BillingAccount::stripeCustomerId)
                .orElseThrow(() -> new NotFoundException("No billing customer for this organization"));
        String url = this.gateway.createPortalSession(customerId, returnUrl);
        record(access, "billing.portal.opened", Map.of(), context);
        return url;
    }

    private void requireConfigured() {
        if (!this.gateway.configured()) {
            throw new BadRequestException(NOT_CONFIGURED);
        }
    }

    private Plan checkoutPlan(@Nullable String planId) {
        if (planId == null) {
            List<Plan> priced = this.plans.catalogue().plans().stream()
                    .filter((plan) -> plan.stripePriceId() != null).toList();
            if (priced.isEmpty()) {
                throw new BadRequestException(PRICE_OR_URLS_MISSING);
            }
            return priced.get(0);
        }
        Plan plan = this.plans.catalogue().find(planId.trim())
                .orElseThrow(() -> new ValidationException(List.of(new FieldError("plan", "Unknown plan"))));
        if (plan.stripePriceId() == null) {
            throw new ValidationException(List.of(new FieldError("plan", "Plan has no Stripe price")));
        }
        return plan;
    }

    /** The organization's customer, created and stored under the organization row's lock if it has none. */
    private String customer(OrgId orgId) {
        return this.transactions.inTransaction(() -> {
            BillingAccount account = this.accounts.lock(orgId)
                    .orElseThrow(() -> new NotFoundException("Organization not found"));
            if (account.stripeCustomerId() != null) {
                return account.stripeCustomerId();
            }
            String created = this.gateway.createCustomer(orgId, "saaskit-customer-" + orgId);
            this.accounts.linkCustomer(orgId, created, this.clock.instant());
            return created;
        });
    }

    private void record(OrgAccess access, String action, Map<String, @Nullable Object> metadata,
            RequestContext context) {
        Instant now = this.clock.instant();
        OrgId orgId = access.orgId();
        this.transactions.run(() -> this.audit.record(orgId, AuditEntry.of(orgId, Actor.user(access.userId().value()),
                action, "organization", orgId.toString(), metadata, context, now)));
    }
}
