package io.saaskit.core.memory;

import io.saaskit.core.shared.port.TransactionRunner;
import io.saaskit.core.tenancy.port.OrganizationRepository;
import io.saaskit.core.tenancy.port.OrganizationRepositoryContractTests;

class InMemoryOrganizationRepositoryTests extends OrganizationRepositoryContractTests {

    private final InMemoryOrganizationRepository organizations = new InMemoryOrganizationRepository();

    private final InMemoryTransactionRunner transactions = new InMemoryTransactionRunner();

    @Override
    protected OrganizationRepository organizations() {
        return this.organizations;
    }

    @Override
    protected TransactionRunner transactions() {
        return this.transactions;
    }
}
