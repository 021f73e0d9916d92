package io.saaskit.core.memory;

import io.saaskit.core.billing.port.BillingAccountStore;
import io.saaskit.core.billing.port.BillingAccountStoreContractTests;
import io.saaskit.core.tenancy.Organization;

class InMemoryBillingAccountStoreTests extends BillingAccountStoreContractTests {

    private final InMemoryOrganizationRepository organizations = new InMemoryOrganizationRepository();

    private final InMemoryBillingAccountStore accounts = new InMemoryBillingAccountStore(this.organizations);

    @Override
    protected BillingAccountStore accounts() {
        return this.accounts;
    }

    @Override
    protected void insert(Organization organization) {
        this.organizations.insert(organization);
    }
}
