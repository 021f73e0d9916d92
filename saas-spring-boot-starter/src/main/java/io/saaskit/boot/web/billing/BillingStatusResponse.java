package io.saaskit.boot.web.billing;

import io.saaskit.boot.web.support.JsonTimestamps;
import io.saaskit.core.billing.BillingStatus;
import io.saaskit.core.billing.Subscription;

import org.jspecify.annotations.Nullable;

/**
 * The body of {@code GET /billing/status}.
 *
 * @param billingConfigured whether Stripe credentials are configured
 * @param plan the effective plan id
 * @param planLimit its {@code api_requests} limit, or {@code null} when unlimited
 * @param subscription the current subscription, or {@code null}
 */
public record BillingStatusResponse(boolean billingConfigured, String plan, @Nullable Long planLimit,
        @Nullable SubscriptionResponse subscription) {

    static BillingStatusResponse of(BillingStatus status) {
        Subscription subscription = status.subscription();
        return new BillingStatusResponse(status.billingConfigured(), status.plan(), status.planLimit(),
                (subscription != null) ? SubscriptionResponse.of(subscription) : null);
    }

    /**
     * A subscription as the status shows it.
     *
     * @param status the Stripe status
     * @param currentPeriodStart the period start, or {@code null}
     * @param currentPeriodEnd the period end, or {@code null}
     * @param cancelAtPeriodEnd whether it ends with the period
     * @param priceId the Stripe price, or {@code null}
     */
    public record SubscriptionResponse(String status, @Nullable String currentPeriodStart,
            @Nullable String currentPeriodEnd, boolean cancelAtPeriodEnd, @Nullable String priceId) {

        static SubscriptionResponse of(Subscription subscription) {
            return new SubscriptionResponse(subscription.status(),
                    JsonTimestamps.formatNullable(subscription.currentPeriodStart()),
                    JsonTimestamps.formatNullable(subscription.currentPeriodEnd()), subscription.cancelAtPeriodEnd(),
                    subscription.stripePriceId());
        }
    }
}
