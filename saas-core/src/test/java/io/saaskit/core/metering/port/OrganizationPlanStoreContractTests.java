package io.saaskit.core.metering.port;

import java.util.UUID;

import io.saaskit.core.metering.OrganizationPlan;
import io.saaskit.core.metering.PlanSource;
import io.saaskit.core.tenancy.OrgId;
import io.saaskit.core.tenancy.Organization;
import io.saaskit.core.testing.Fixtures;
import io.saaskit.core.testing.MutableClock;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The behaviour every {@link OrganizationPlanStore} must show: a new organization reads as created (its plan,
 * source {@code default}, no override), saved columns read back as saved, organizations are independent, and an
 * unknown organization has no columns.
 *
 * <p>Extend it once per implementation; {@link #insert(Organization)} stores an organization the way the
 * application creates one.
 */
public abstract class OrganizationPlanStoreContractTests {

    /** The clock that stamps test records. */
    protected final MutableClock clock = new MutableClock();

    /**
     * The store under test.
     * @return the store
     */
    protected abstract OrganizationPlanStore plans();

    /**
     * Stores a new organization as the organization repository does.
     * @param organization the organization
     */
    protected abstract void insert(Organization organization);

    @Test
    void aNewOrganizationReadsAsCreated() {
        Organization organization = Fixtures.organization(this.clock);
        insert(organization);

        assertThat(plans().find(organization.id()))
                .contains(new OrganizationPlan("free", 1000L, PlanSource.DEFAULT, null, null));
    }

    @Test
    void savedColumnsReadBackAsSaved() {
        Organization organization = Fixtures.organization(this.clock);
        insert(organization);
        OrganizationPlan override = new OrganizationPlan("tiny", 1L, PlanSource.OVERRIDE, "tiny", 1L);

        boolean saved = plans().save(organization.id(), override, this.clock.instant());

        assertThat(saved).isTrue();
        assertThat(plans().find(organization.id())).contains(override);
    }

    @Test
    void anUnlimitedPlanIsSavedWithoutLimit() {
        Organization organization = Fixtures.organization(this.clock);
        insert(organization);
        OrganizationPlan unlimited = new OrganizationPlan("enterprise", null, PlanSource.DEFAULT, null, null);

        plans().save(organization.id(), unlimited, this.clock.instant());

        assertThat(plans().find(organization.id())).contains(unlimited);
    }

    @Test
    void organizationsAreIndependent() {
        Organization changed = Fixtures.organization(this.clock);
        Organization untouched = Fixtures.organization(this.clock);
        insert(changed);
        insert(untouched);

        plans().save(changed.id(), new OrganizationPlan("pro", 100_000L, PlanSource.OVERRIDE, "pro", 100_000L),
                this.clock.instant());

        assertThat(plans().find(untouched.id()).map(OrganizationPlan::plan)).contains("free");
    }

    @Test
    void anUnknownOrganizationHasNoColumnsAndCannotBeSaved() {
        OrgId unknown = new OrgId(UUID.randomUUID());

        assertThat(plans().find(unknown)).isEmpty();
        assertThat(plans().save(unknown, new OrganizationPlan("free", 1L, PlanSource.DEFAULT, null, null),
                this.clock.instant())).isFalse();
    }
}
