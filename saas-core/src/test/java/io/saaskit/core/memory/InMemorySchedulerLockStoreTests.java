package io.saaskit.core.memory;

import io.saaskit.core.jobs.port.SchedulerLockStore;
import io.saaskit.core.jobs.port.SchedulerLockStoreContractTests;

class InMemorySchedulerLockStoreTests extends SchedulerLockStoreContractTests {

    private final InMemorySchedulerLockStore store = new InMemorySchedulerLockStore();

    @Override
    protected SchedulerLockStore store() {
        return this.store;
    }

    @Override
    protected SchedulerLockStore otherInstance() {
        return this.store;
    }
}
