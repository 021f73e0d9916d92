package io.saaskit.core.billing;

import java.util.Objects;
import java.util.Optional;

import io.saaskit.core.billing.port.SubscriptionRepository;
import io.saaskit.core.metering.Entitlement;
import io.saaskit.core.metering.Period;
import io.saaskit.core.metering.port.EntitlementStore;
import io.saaskit.core.tenancy.OrgId;

import org.jspecify.annotations.Nullable;

/**
 * The metering {@link EntitlementStore} billing provides (§7.5): an organization is entitled by its current
 * subscription when that is {@code active}, {@code trialing} or {@code past_due} and has a price; the period is the
 * subscription's when both ends are known.
 */
public final class SubscriptionEntitlementStore implements EntitlementStore {

    private final SubscriptionRepository subscriptions;

    /**
     * Creates the store.
     * @param subscriptions where subscriptions live
     */
    public SubscriptionEntitlementStore(SubscriptionRepository subscriptions) {
        this.subscriptions = Objects.requireNonNull(subscriptions, "subscriptions");
    }

    @Override
    public Optional<Entitlement> find(OrgId orgId) {
        return this.subscriptions.current(orgId)
                .filter((subscription) -> subscription.entitled() && subscription.stripePriceId() != null)
                .map((subscription) -> new Entitlement(Objects.requireNonNull(subscription.stripePriceId()),
                        period(subscription)));
    }

    private static @Nullable Period period(Subscription subscription) {
        if (subscription.currentPeriodStart() == null || subscription.currentPeriodEnd() == null
                || !subscription.currentPeriodEnd().isAfter(subscription.currentPeriodStart())) {
            return null;
        }
        return new Period(subscription.currentPeriodStart(), subscription.currentPeriodEnd());
    }
}
