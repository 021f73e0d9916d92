package io.saaskit.core.memory;

import io.saaskit.core.billing.port.SubscriptionRepository;
import io.saaskit.core.billing.port.SubscriptionRepositoryContractTests;
import io.saaskit.core.tenancy.Organization;

class InMemorySubscriptionRepositoryTests extends SubscriptionRepositoryContractTests {

    private final InMemorySubscriptionRepository subscriptions = new InMemorySubscriptionRepository();

    @Override
    protected SubscriptionRepository subscriptions() {
        return this.subscriptions;
    }

    @Override
    protected void insert(Organization organization) {
        // Subscriptions name organizations without a reference in memory.
    }
}
