package io.saaskit.core.memory;

import io.saaskit.core.billing.port.StripeEventInbox;
import io.saaskit.core.billing.port.StripeEventInboxContractTests;
import io.saaskit.core.tenancy.Organization;

class InMemoryStripeEventInboxTests extends StripeEventInboxContractTests {

    private final InMemoryStripeEventInbox inbox = new InMemoryStripeEventInbox();

    @Override
    protected StripeEventInbox inbox() {
        return this.inbox;
    }

    @Override
    protected void insert(Organization organization) {
        // Rows name organizations without a reference in memory.
    }
}
