package io.saaskit.adapters.jdbc;

import java.util.List;

import io.saaskit.core.apikey.ApiKeyId;
import io.saaskit.core.metering.Metrics;
import io.saaskit.core.metering.Period;
import io.saaskit.core.metering.UsageEvent;
import io.saaskit.core.metering.port.UsageEventStore;
import io.saaskit.core.metering.port.UsageEventStoreContractTests;
import io.saaskit.core.shared.Ids;
import io.saaskit.core.tenancy.OrgId;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

class JdbcUsageEventStoreIT extends UsageEventStoreContractTests {

    private final JdbcUsageEventStore events =
            new JdbcUsageEventStore(SharedDatabase.get().dataSource(), JdbcSettings.defaults());

    @Override
    protected UsageEventStore events() {
        return this.events;
    }

    @Override
    protected OrgId createOrg() {
        return MeteringRows.organization(this.clock);
    }

    @Override
    protected ApiKeyId createApiKey(OrgId orgId) {
        return MeteringRows.apiKey(orgId, this.clock.instant());
    }

    @Test
    void deletingAKeyKeepsItsUsage() {
        OrgId org = createOrg();
        ApiKeyId key = createApiKey(org);
        UsageEvent event = new UsageEvent(Ids.next(this.clock), org, Metrics.API_REQUESTS, 1, this.clock.instant(),
                this.clock.instant(), key, "auto:deleted-key", null, null, null);
        this.events.insertBatch(List.of(event));

        new TransactionTemplate(new DataSourceTransactionManager(SharedDatabase.get().dataSource()))
                .executeWithoutResult((status) -> {
                    JdbcClient jdbc = JdbcClient.create(SharedDatabase.get().dataSource());
                    jdbc.sql("select set_config('app.system', 'on', true)").query().listOfRows();
                    jdbc.sql("delete from api_key where id = :id").param("id", key.value()).update();
                });

        assertThat(this.events.findByIdempotencyKey(org, "auto:deleted-key")).hasValueSatisfying(
                (found) -> assertThat(found.apiKeyId()).isNull());
        assertThat(this.events.sum(org, Metrics.API_REQUESTS, Period.calendarMonthOf(this.clock.instant())))
                .isEqualTo(1);
    }
}
