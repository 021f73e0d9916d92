package io.saaskit.adapters.jdbc;

import io.saaskit.core.billing.port.SubscriptionRepository;
import io.saaskit.core.billing.port.SubscriptionRepositoryContractTests;
import io.saaskit.core.tenancy.Organization;

class JdbcSubscriptionRepositoryIT extends SubscriptionRepositoryContractTests {

    private final JdbcSubscriptionRepository store =
            new JdbcSubscriptionRepository(SharedDatabase.get().dataSource(), JdbcSettings.defaults());

    @Override
    protected SubscriptionRepository subscriptions() {
        return this.store;
    }

    @Override
    protected void insert(Organization organization) {
        new JdbcOrganizationRepository(SharedDatabase.get().dataSource(), JdbcSettings.defaults())
                .insert(organization);
    }
}
