package io.saaskit.core.billing;

import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * What {@code GET /billing/status} shows.
 *
 * @param billingConfigured whether Stripe credentials are configured
 * @param plan the effective plan id
 * @param planLimit its {@code api_requests} limit, or {@code null} when unlimited
 * @param subscription the organization's current subscription, or {@code null}
 */
public record BillingStatus(boolean billingConfigured, String plan, @Nullable Long planLimit,
        @Nullable Subscription subscription) {

    public BillingStatus {
        Objects.requireNonNull(plan, "plan");
    }
}
