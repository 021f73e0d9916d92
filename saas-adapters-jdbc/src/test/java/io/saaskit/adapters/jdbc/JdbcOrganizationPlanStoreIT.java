package io.saaskit.adapters.jdbc;

import io.saaskit.core.metering.port.OrganizationPlanStore;
import io.saaskit.core.metering.port.OrganizationPlanStoreContractTests;
import io.saaskit.core.tenancy.Organization;

class JdbcOrganizationPlanStoreIT extends OrganizationPlanStoreContractTests {

    private final JdbcOrganizationPlanStore plans =
            new JdbcOrganizationPlanStore(SharedDatabase.get().dataSource(), JdbcSettings.defaults());

    @Override
    protected OrganizationPlanStore plans() {
        return this.plans;
    }

    @Override
    protected void insert(Organization organization) {
        new JdbcOrganizationRepository(SharedDatabase.get().dataSource(), JdbcSettings.defaults())
                .insert(organization);
    }
}
