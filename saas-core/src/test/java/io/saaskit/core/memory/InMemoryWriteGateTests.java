package io.saaskit.core.memory;

import io.saaskit.core.shared.port.WriteGate;
import io.saaskit.core.shared.port.WriteGateContractTests;

class InMemoryWriteGateTests extends WriteGateContractTests {

    private final InMemoryWriteGate gate = new InMemoryWriteGate(this.clock);

    @Override
    protected WriteGate gate() {
        return this.gate;
    }
}
