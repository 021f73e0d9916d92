package io.saaskit.core.memory;

import io.saaskit.core.metering.port.OrganizationPlanStore;
import io.saaskit.core.metering.port.OrganizationPlanStoreContractTests;
import io.saaskit.core.tenancy.Organization;

class InMemoryOrganizationPlanStoreTests extends OrganizationPlanStoreContractTests {

    private final InMemoryOrganizationRepository organizations = new InMemoryOrganizationRepository();

    private final InMemoryOrganizationPlanStore plans = new InMemoryOrganizationPlanStore(this.organizations);

    @Override
    protected OrganizationPlanStore plans() {
        return this.plans;
    }

    @Override
    protected void insert(Organization organization) {
        this.organizations.insert(organization);
    }
}
