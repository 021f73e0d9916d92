package io.saaskit.core.billing.port;

import java.util.List;
import java.util.Optional;

import io.saaskit.core.billing.Subscription;
import io.saaskit.core.tenancy.OrgId;

/**
 * Stores organizations' subscriptions. Writes join the caller's
 * {@link io.saaskit.core.shared.port.TransactionRunner} unit of work.
 */
public interface SubscriptionRepository {

    /**
     * Finds a subscription of an organization and locks it until the unit of work ends, so events for one
     * subscription apply one at a time.
     * @param orgId the organization
     * @param stripeSubscriptionId the Stripe subscription
     * @return the subscription, or empty when the organization has none with that id
     */
    Optional<Subscription> lock(OrgId orgId, String stripeSubscriptionId);

    /**
     * Inserts or updates a subscription (by its Stripe id). A stored state newer than the given one
     * ({@link Subscription#stateAsOf()}) is kept: when two units of work both found no row and insert the same
     * subscription concurrently, the newer state wins whichever commits last.
     * @param orgId the organization; must equal {@code subscription.orgId()}
     * @param subscription the subscription
     */
    void save(OrgId orgId, Subscription subscription);

    /**
     * Every subscription of an organization, newest first.
     * @param orgId the organization
     * @return the subscriptions
     */
    List<Subscription> list(OrgId orgId);

    /**
     * The organization's current subscription (§7.5): its newest non-terminal one, or else its newest one.
     * @param orgId the organization
     * @return the subscription, or empty when it never had one
     */
    Optional<Subscription> current(OrgId orgId);

    /**
     * Which organization owns a Stripe subscription: a cross-tenant lookup for webhook org resolution.
     * @param stripeSubscriptionId the Stripe subscription
     * @return the organization, or empty when unknown
     */
    Optional<OrgId> findOrgId(String stripeSubscriptionId);
}
