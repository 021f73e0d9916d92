package io.saaskit.core.billing.port;

import java.time.Instant;

import io.saaskit.core.billing.StripeSubscription;
import io.saaskit.core.billing.Subscription;
import io.saaskit.core.shared.Ids;
import io.saaskit.core.tenancy.Organization;
import io.saaskit.core.testing.BillingFixtures;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The behaviour every {@link SubscriptionRepository} must show: saved subscriptions read back as saved (unknown
 * statuses and missing periods included), an update replaces the row of the same Stripe id unless the stored state
 * is newer, the current subscription is the newest non-terminal one, organizations never see each other's
 * subscriptions, and the owner of a Stripe subscription can be looked up across tenants.
 */
public abstract class SubscriptionRepositoryContractTests extends BillingPortContractTests {

    /**
     * The repository under test.
     * @return the repository
     */
    protected abstract SubscriptionRepository subscriptions();

    @Test
    void aSavedSubscriptionReadsBackAsSaved() {
        Organization organization = organization();
        Subscription subscription = BillingFixtures.subscription(this.clock, organization.id(), "paused");

        subscriptions().save(organization.id(), subscription);

        assertThat(subscriptions().lock(organization.id(), subscription.stripeSubscriptionId()))
                .contains(subscription);
        assertThat(subscriptions().list(organization.id())).containsExactly(subscription);
    }

    @Test
    void missingPeriodsAndPriceAreStoredAsUnknown() {
        Organization organization = organization();
        Instant now = this.clock.instant();
        Subscription subscription = Subscription.create(Ids.next(this.clock), organization.id(),
                new StripeSubscription(BillingFixtures.stripeId("sub"), BillingFixtures.stripeId("cus"), null,
                        "incomplete", null, null, false, null), now, now);

        subscriptions().save(organization.id(), subscription);

        assertThat(subscriptions().current(organization.id())).contains(subscription);
    }

    @Test
    void savingTheSameStripeSubscriptionUpdatesItsRow() {
        Organization organization = organization();
        Subscription subscription = BillingFixtures.subscription(this.clock, organization.id(), "incomplete");
        subscriptions().save(organization.id(), subscription);
        this.clock.advanceSeconds(5);
        Subscription active = subscription.apply(new StripeSubscription(subscription.stripeSubscriptionId(),
                subscription.stripeCustomerId(), "price_other", "active", null, null, true, null),
                this.clock.instant(), this.clock.instant());

        subscriptions().save(organization.id(), active);

        assertThat(subscriptions().list(organization.id())).containsExactly(active);
        assertThat(active.currentPeriodEnd()).isEqualTo(subscription.currentPeriodEnd());
    }

    @Test
    void anOlderStateNeverReplacesANewerStoredOne() {
        Organization organization = organization();
        Subscription older = BillingFixtures.subscription(this.clock, organization.id(), "incomplete");
        this.clock.advanceSeconds(5);
        Subscription newer = older.apply(new StripeSubscription(older.stripeSubscriptionId(),
                older.stripeCustomerId(), "price_other", "active", null, null, false, null), this.clock.instant(),
                this.clock.instant());
        subscriptions().save(organization.id(), newer);

        subscriptions().save(organization.id(), older);

        assertThat(subscriptions().list(organization.id())).containsExactly(newer);
    }

    @Test
    void theCurrentSubscriptionIsTheNewestNonTerminalOne() {
        Organization organization = organization();
        Subscription active = BillingFixtures.subscription(this.clock, organization.id(), "active");
        subscriptions().save(organization.id(), active);
        this.clock.advanceSeconds(5);
        Subscription canceled = BillingFixtures.subscription(this.clock, organization.id(), "canceled");
        subscriptions().save(organization.id(), canceled);

        assertThat(subscriptions().current(organization.id())).contains(active);
        assertThat(subscriptions().list(organization.id())).containsExactly(canceled, active);
    }

    @Test
    void withOnlyTerminalSubscriptionsTheNewestIsCurrent() {
        Organization organization = organization();
        Subscription older = BillingFixtures.subscription(this.clock, organization.id(), "canceled");
        subscriptions().save(organization.id(), older);
        this.clock.advanceSeconds(5);
        Subscription newer = BillingFixtures.subscription(this.clock, organization.id(), "incomplete_expired");
        subscriptions().save(organization.id(), newer);

        assertThat(subscriptions().current(organization.id())).contains(newer);
    }

    @Test
    void organizationsNeverSeeEachOthersSubscriptions() {
        Organization owner = organization();
        Organization other = organization();
        Subscription subscription = BillingFixtures.subscription(this.clock, owner.id(), "active");
        subscriptions().save(owner.id(), subscription);

        assertThat(subscriptions().lock(other.id(), subscription.stripeSubscriptionId())).isEmpty();
        assertThat(subscriptions().list(other.id())).isEmpty();
        assertThat(subscriptions().current(other.id())).isEmpty();
    }

    @Test
    void theOwnerOfAStripeSubscriptionCanBeFound() {
        Organization owner = organization();
        Subscription subscription = BillingFixtures.subscription(this.clock, owner.id(), "active");
        subscriptions().save(owner.id(), subscription);

        assertThat(subscriptions().findOrgId(subscription.stripeSubscriptionId())).contains(owner.id());
        assertThat(subscriptions().findOrgId(BillingFixtures.stripeId("sub"))).isEmpty();
    }
}
