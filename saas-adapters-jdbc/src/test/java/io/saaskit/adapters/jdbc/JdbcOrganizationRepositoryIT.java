package io.saaskit.adapters.jdbc;

import io.saaskit.core.shared.port.TransactionRunner;
import io.saaskit.core.tenancy.port.OrganizationRepository;
import io.saaskit.core.tenancy.port.OrganizationRepositoryContractTests;

class JdbcOrganizationRepositoryIT extends OrganizationRepositoryContractTests {

    private final OrganizationRepository organizations =
            new JdbcOrganizationRepository(SharedDatabase.get().dataSource(), JdbcSettings.defaults());

    private final TransactionRunner transactions = new JdbcTransactionRunner(SharedDatabase.get().dataSource());

    @Override
    protected OrganizationRepository organizations() {
        return this.organizations;
    }

    @Override
    protected TransactionRunner transactions() {
        return this.transactions;
    }
}
