package io.saaskit.core.billing.port;

import io.saaskit.core.billing.BillingAccount;
import io.saaskit.core.tenancy.OrgId;
import io.saaskit.core.tenancy.Organization;
import io.saaskit.core.testing.BillingFixtures;
import io.saaskit.core.shared.Ids;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The behaviour every {@link BillingAccountStore} must show: a new organization has no customer, a customer is
 * linked once and never replaced, one customer belongs to one organization, organizations are independent, and an
 * unknown organization has no account.
 */
public abstract class BillingAccountStoreContractTests extends BillingPortContractTests {

    /**
     * The store under test.
     * @return the store
     */
    protected abstract BillingAccountStore accounts();

    @Test
    void aNewOrganizationHasNoCustomer() {
        Organization organization = organization();

        assertThat(accounts().find(organization.id())).contains(new BillingAccount(organization.id(), null));
        assertThat(accounts().lock(organization.id())).contains(new BillingAccount(organization.id(), null));
    }

    @Test
    void aCustomerIsLinkedOnceAndNeverReplaced() {
        Organization organization = organization();
        String first = BillingFixtures.stripeId("cus");

        assertThat(accounts().linkCustomer(organization.id(), first, this.clock.instant())).isTrue();
        assertThat(accounts().linkCustomer(organization.id(), BillingFixtures.stripeId("cus"), this.clock.instant()))
                .isFalse();
        assertThat(accounts().find(organization.id())).contains(new BillingAccount(organization.id(), first));
        assertThat(accounts().findOrgId(first)).contains(organization.id());
    }

    @Test
    void organizationsAreIndependent() {
        Organization linked = organization();
        Organization other = organization();
        String customer = BillingFixtures.stripeId("cus");
        accounts().linkCustomer(linked.id(), customer, this.clock.instant());

        assertThat(accounts().find(other.id())).contains(new BillingAccount(other.id(), null));
        assertThat(accounts().withCustomer()).contains(new BillingAccount(linked.id(), customer))
                .noneMatch((account) -> account.orgId().equals(other.id()));
    }

    @Test
    void anUnknownOrganizationHasNoAccount() {
        OrgId unknown = new OrgId(Ids.next(this.clock));

        assertThat(accounts().find(unknown)).isEmpty();
        assertThat(accounts().lock(unknown)).isEmpty();
        assertThat(accounts().linkCustomer(unknown, BillingFixtures.stripeId("cus"), this.clock.instant())).isFalse();
        assertThat(accounts().findOrgId(BillingFixtures.stripeId("cus"))).isEmpty();
    }
}
