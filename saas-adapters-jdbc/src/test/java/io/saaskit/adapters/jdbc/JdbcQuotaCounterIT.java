package io.saaskit.adapters.jdbc;

import io.saaskit.core.metering.port.QuotaCounter;
import io.saaskit.core.metering.port.QuotaCounterContractTests;
import io.saaskit.core.tenancy.OrgId;

class JdbcQuotaCounterIT extends QuotaCounterContractTests {

    private final JdbcQuotaCounter counter =
            new JdbcQuotaCounter(SharedDatabase.get().dataSource(), JdbcSettings.defaults());

    @Override
    protected QuotaCounter counter() {
        return this.counter;
    }

    @Override
    protected OrgId createOrg() {
        return MeteringRows.organization(this.clock);
    }
}
