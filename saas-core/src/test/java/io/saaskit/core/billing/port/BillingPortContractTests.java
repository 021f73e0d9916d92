package io.saaskit.core.billing.port;

import io.saaskit.core.tenancy.Organization;
import io.saaskit.core.testing.Fixtures;
import io.saaskit.core.testing.MutableClock;

/**
 * What the billing port contract tests share: the clock that stamps test records and a way to store the
 * organizations billing data belongs to.
 */
public abstract class BillingPortContractTests {

    /** The clock that stamps test records. */
    protected final MutableClock clock = new MutableClock();

    /**
     * Stores an organization.
     * @param organization the organization
     */
    protected abstract void insert(Organization organization);

    /**
     * Creates and stores a new organization.
     * @return the stored organization
     */
    protected Organization organization() {
        Organization organization = Fixtures.organization(this.clock);
        insert(organization);
        return organization;
    }
}
