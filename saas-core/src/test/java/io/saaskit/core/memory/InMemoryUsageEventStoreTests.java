package io.saaskit.core.memory;

import io.saaskit.core.metering.port.UsageEventStore;
import io.saaskit.core.metering.port.UsageEventStoreContractTests;

class InMemoryUsageEventStoreTests extends UsageEventStoreContractTests {

    private final InMemoryUsageEventStore events = new InMemoryUsageEventStore();

    @Override
    protected UsageEventStore events() {
        return this.events;
    }
}
