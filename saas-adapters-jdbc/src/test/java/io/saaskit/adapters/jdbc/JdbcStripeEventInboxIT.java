package io.saaskit.adapters.jdbc;

import io.saaskit.core.billing.port.StripeEventInbox;
import io.saaskit.core.billing.port.StripeEventInboxContractTests;
import io.saaskit.core.tenancy.Organization;

class JdbcStripeEventInboxIT extends StripeEventInboxContractTests {

    private final JdbcStripeEventInbox store =
            new JdbcStripeEventInbox(SharedDatabase.get().dataSource(), JdbcSettings.defaults());

    @Override
    protected StripeEventInbox inbox() {
        return this.store;
    }

    @Override
    protected void insert(Organization organization) {
        new JdbcOrganizationRepository(SharedDatabase.get().dataSource(), JdbcSettings.defaults())
                .insert(organization);
    }
}
