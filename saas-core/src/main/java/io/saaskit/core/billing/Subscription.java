package io.saaskit.core.billing;

import java.time.Instant;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

import io.saaskit.core.tenancy.OrgId;

import org.jspecify.annotations.Nullable;

/**
 * An organization's Stripe subscription as last applied, with the Stripe time of that state
 * ({@code stateAsOf}), so that an older event never overwrites a newer state.
 *
 * @param id the row id
 * @param orgId the organization
 * @param stripeCustomerId the Stripe customer
 * @param stripeSubscriptionId the Stripe subscription, unique
 * @param stripePriceId the price of its first item, or {@code null} when not known yet
 * @param status the Stripe status as received (free text: unknown values are kept)
 * @param currentPeriodStart the start of the current period, or {@code null}
 * @param currentPeriodEnd the end of the current period, or {@code null}
 * @param cancelAtPeriodEnd whether it ends with the current period
 * @param stateAsOf the Stripe time of the applied state: the event's creation, or the time it was fetched
 * @param createdAt when the row was created
 * @param updatedAt when the row last changed
 */
public record Subscription(UUID id, OrgId orgId, String stripeCustomerId, String stripeSubscriptionId,
        @Nullable String stripePriceId, String status, @Nullable Instant currentPeriodStart,
        @Nullable Instant currentPeriodEnd, boolean cancelAtPeriodEnd, Instant stateAsOf, Instant createdAt,
        Instant updatedAt) {

    /** The statuses that entitle to the subscription's plan; {@code past_due} is the grace period. */
    public static final Set<String> ENTITLED_STATUSES = Set.of("active", "trialing", "past_due");

    /** The statuses after which a subscription never becomes entitled again. */
    public static final Set<String> TERMINAL_STATUSES = Set.of("canceled", "incomplete_expired");

    public Subscription {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(orgId, "orgId");
        Objects.requireNonNull(stripeCustomerId, "stripeCustomerId");
        Objects.requireNonNull(stripeSubscriptionId, "stripeSubscriptionId");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(stateAsOf, "stateAsOf");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
    }

    /**
     * A first state of a subscription.
     * @param id the row id
     * @param orgId the organization
     * @param state the state from Stripe
     * @param stateAsOf the Stripe time of that state
     * @param now the time of the change
     * @return the subscription
     */
    public static Subscription create(UUID id, OrgId orgId, StripeSubscription state, Instant stateAsOf,
            Instant now) {
        return new Subscription(id, orgId, state.customerId(), state.subscriptionId(), state.priceId(),
                state.status(), state.currentPeriodStart(), state.currentPeriodEnd(), state.cancelAtPeriodEnd(),
                stateAsOf, now, now);
    }

    /**
     * Whether the status entitles the organization to the subscription's plan and period (§7.5).
     * @return true for {@code active}, {@code trialing} and {@code past_due}
     */
    public boolean entitled() {
        return ENTITLED_STATUSES.contains(this.status);
    }

    /**
     * Whether the subscription can still become or stay entitled.
     * @return false for {@code canceled} and {@code incomplete_expired}
     */
    public boolean nonTerminal() {
        return !TERMINAL_STATUSES.contains(this.status);
    }

    /**
     * Applies a newer state; known values are kept where the new state has none (a price or period missing from
     * a checkout session never erases the subscription's).
     * @param state the state from Stripe
     * @param asOf the Stripe time of that state
     * @param now the time of the change
     * @return the updated subscription
     */
    public Subscription apply(StripeSubscription state, Instant asOf, Instant now) {
        return new Subscription(this.id, this.orgId, state.customerId(), this.stripeSubscriptionId,
                (state.priceId() != null) ? state.priceId() : this.stripePriceId, state.status(),
                (state.currentPeriodStart() != null) ? state.currentPeriodStart() : this.currentPeriodStart,
                (state.currentPeriodEnd() != null) ? state.currentPeriodEnd() : this.currentPeriodEnd,
                state.cancelAtPeriodEnd(), asOf, this.createdAt, now);
    }

    /**
     * Takes from an older state only what this row does not know yet (price, period); status and cancellation
     * stay as they are, because the row holds a newer state.
     * @param older the older state from Stripe
     * @param now the time of the change
     * @return the row with its unknown values filled, equal to this one when there was nothing to fill
     */
    public Subscription fillUnknown(StripeSubscription older, Instant now) {
        String price = (this.stripePriceId != null) ? this.stripePriceId : older.priceId();
        Instant start = (this.currentPeriodStart != null) ? this.currentPeriodStart : older.currentPeriodStart();
        Instant end = (this.currentPeriodEnd != null) ? this.currentPeriodEnd : older.currentPeriodEnd();
        if (Objects.equals(price, this.stripePriceId) && Objects.equals(start, this.currentPeriodStart)
                && Objects.equals(end, this.currentPeriodEnd)) {
            return this;
        }
        return new Subscription(this.id, this.orgId, this.stripeCustomerId, this.stripeSubscriptionId, price,
                this.status, start, end, this.cancelAtPeriodEnd, this.stateAsOf, this.createdAt, now);
    }

    /**
     * Whether another value differs in what Stripe decides (status, price, period, cancellation).
     * @param other the other value
     * @return true when a billing-relevant field differs
     */
    public boolean differsFrom(Subscription other) {
        return !this.status.equals(other.status) || !Objects.equals(this.stripePriceId, other.stripePriceId)
                || !Objects.equals(this.currentPeriodStart, other.currentPeriodStart)
                || !Objects.equals(this.currentPeriodEnd, other.currentPeriodEnd)
                || this.cancelAtPeriodEnd != other.cancelAtPeriodEnd;
    }
}
