package io.saaskit.core.memory;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import io.saaskit.core.billing.Subscription;
import io.saaskit.core.billing.port.SubscriptionRepository;
import io.saaskit.core.tenancy.OrgId;

/**
 * A {@link SubscriptionRepository} in memory. {@link #lock} takes no lock: single-threaded tests and embeddings
 * serialise their own work.
 */
public final class InMemorySubscriptionRepository implements SubscriptionRepository {

    private static final Comparator<Subscription> NEWEST_FIRST = Comparator.comparing(Subscription::createdAt)
            .thenComparing(Subscription::id).reversed();

    private final Map<String, Subscription> byStripeId = new ConcurrentHashMap<>();

    @Override
    public Optional<Subscription> lock(OrgId orgId, String stripeSubscriptionId) {
        return Optional.ofNullable(this.byStripeId.get(stripeSubscriptionId))
                .filter((subscription) -> subscription.orgId().equals(orgId));
    }

    @Override
    public void save(OrgId orgId, Subscription subscription) {
        if (!subscription.orgId().equals(orgId)) {
            throw new IllegalArgumentException("The subscription belongs to another organization");
        }
        Subscription existing = this.byStripeId.get(subscription.stripeSubscriptionId());
        if (existing != null && !existing.orgId().equals(orgId)) {
            throw new IllegalArgumentException("The Stripe subscription belongs to another organization");
        }
        this.byStripeId.merge(subscription.stripeSubscriptionId(), subscription,
                (stored, given) -> stored.stateAsOf().isAfter(given.stateAsOf()) ? stored : given);
    }

    @Override
    public List<Subscription> list(OrgId orgId) {
        return this.byStripeId.values().stream().filter((subscription) -> subscription.orgId().equals(orgId))
                .sorted(NEWEST_FIRST).toList();
    }

    @Override
    public Optional<Subscription> current(OrgId orgId) {
        List<Subscription> all = list(orgId);
        return all.stream().filter(Subscription::nonTerminal).findFirst().or(() -> all.stream().findFirst());
    }

    @Override
    public Optional<OrgId> findOrgId(String stripeSubscriptionId) {
        Objects.requireNonNull(stripeSubscriptionId, "stripeSubscriptionId");
        return Optional.ofNullable(this.byStripeId.get(stripeSubscriptionId)).map(Subscription::orgId);
    }
}
