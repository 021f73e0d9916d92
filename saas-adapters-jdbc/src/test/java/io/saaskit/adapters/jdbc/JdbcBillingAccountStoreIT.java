package io.saaskit.adapters.jdbc;

import io.saaskit.core.billing.port.BillingAccountStore;
import io.saaskit.core.billing.port.BillingAccountStoreContractTests;
import io.saaskit.core.tenancy.Organization;

class JdbcBillingAccountStoreIT extends BillingAccountStoreContractTests {

    private final JdbcBillingAccountStore store =
            new JdbcBillingAccountStore(SharedDatabase.get().dataSource(), JdbcSettings.defaults());

    @Override
    protected BillingAccountStore accounts() {
        return this.store;
    }

    @Override
    protected void insert(Organization organization) {
        new JdbcOrganizationRepository(SharedDatabase.get().dataSource(), JdbcSettings.defaults())
                .insert(organization);
    }
}
