package io.saaskit.core.billing;

import java.time.Instant;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * A subscription as Stripe describes it, in an event payload or a fetched object.
 *
 * <p>The period comes from the subscription, or from its first item when the API version no longer has it at the
 * top level; either may be missing (for example in a checkout session), and a missing value never overwrites a
 * known one.
 *
 * @param subscriptionId the Stripe subscription id ({@code sub_...})
 * @param customerId the Stripe customer id ({@code cus_...})
 * @param priceId the price of the first item, or {@code null} when unknown
 * @param status the Stripe status, stored as it is (unknown values included)
 * @param currentPeriodStart the start of the current period, or {@code null}
 * @param currentPeriodEnd the end of the current period, or {@code null}
 * @param cancelAtPeriodEnd whether it ends with the current period
 * @param metadataOrgId the {@code metadata.orgId} it carries, or {@code null}
 */
public record StripeSubscription(String subscriptionId, String customerId, @Nullable String priceId, String status,
        @Nullable Instant currentPeriodStart, @Nullable Instant currentPeriodEnd, boolean cancelAtPeriodEnd,
        @Nullable String metadataOrgId) {

    public StripeSubscription {
        Objects.requireNonNull(subscriptionId, "subscriptionId");
        Objects.requireNonNull(customerId, "customerId");
        Objects.requireNonNull(status, "status");
    }

    /**
     * The same subscription with another status.
     * @param newStatus the status
     * @return a new value
     */
    public StripeSubscription withStatus(String newStatus) {
        return new StripeSubscription(this.subscriptionId, this.customerId, this.priceId, newStatus,
                this.currentPeriodStart, this.currentPeriodEnd, this.cancelAtPeriodEnd, this.metadataOrgId);
    }
}
