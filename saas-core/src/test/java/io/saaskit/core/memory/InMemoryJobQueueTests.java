package io.saaskit.core.memory;

import io.saaskit.core.jobs.port.JobBroker;
import io.saaskit.core.jobs.port.JobBrokerContractTests;

class InMemoryJobQueueTests extends JobBrokerContractTests {

    private final InMemoryJobQueue queue = new InMemoryJobQueue(this.clock, RETRY);

    @Override
    protected JobBroker broker() {
        return this.queue;
    }

    @Override
    protected JobBroker otherWorker() {
        return this.queue;
    }
}
