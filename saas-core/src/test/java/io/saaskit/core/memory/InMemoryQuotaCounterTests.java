package io.saaskit.core.memory;

import io.saaskit.core.metering.port.QuotaCounter;
import io.saaskit.core.metering.port.QuotaCounterContractTests;

class InMemoryQuotaCounterTests extends QuotaCounterContractTests {

    private final InMemoryQuotaCounter counter = new InMemoryQuotaCounter();

    @Override
    protected QuotaCounter counter() {
        return this.counter;
    }
}
