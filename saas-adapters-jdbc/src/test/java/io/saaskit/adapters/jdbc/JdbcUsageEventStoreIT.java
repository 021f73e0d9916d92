package io.saaskit.adapters.jdbc;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import io.saaskit.core.apikey.ApiKeyId;
import io.saaskit.core.metering.Metrics;
import io.saaskit.core.metering.Period;
import io.saaskit.core.metering.RejectedUsageEventException;
import io.saaskit.core.metering.UsageDay;
import io.saaskit.core.metering.UsageDrift;
import io.saaskit.core.metering.UsageEvent;
import io.saaskit.core.metering.port.UsageEventStore;
import io.saaskit.core.metering.port.UsageEventStoreContractTests;
import io.saaskit.core.shared.Ids;
import io.saaskit.core.tenancy.OrgId;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class JdbcUsageEventStoreIT extends UsageEventStoreContractTests {

    /** The connections of the shared database's pool. */
    private static final int POOL_SIZE = 6;

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
    void everyStoreOfOneDatabaseHasItsId() {
        JdbcUsageEventStore another =
                new JdbcUsageEventStore(SharedDatabase.get().dataSource(), JdbcSettings.defaults());

        assertThat(another.storeId()).isEqualTo(this.events.storeId());
        assertThat(UUID.fromString(this.events.storeId())).isNotNull();
    }

    @Test
    void deletingAKeyKeepsItsUsage() {
        OrgId org = createOrg();
        ApiKeyId key = createApiKey(org);
        UsageEvent event = new UsageEvent(Ids.next(this.clock), org, "emails.sent", 1, this.clock.instant(),
                this.clock.instant(), key, "client-key-of-a-deleted-key", "ab".repeat(32), null, null);
        this.events.insertBatch(List.of(event));

        new TransactionTemplate(new DataSourceTransactionManager(SharedDatabase.get().dataSource()))
                .executeWithoutResult((status) -> {
                    JdbcClient jdbc = JdbcClient.create(SharedDatabase.get().dataSource());
                    jdbc.sql("select set_config('app.system', 'on', true)").query().listOfRows();
                    jdbc.sql("delete from api_key where id = :id").param("id", key.value()).update();
                });

        assertThat(this.events.findByIdempotencyKey(org, "client-key-of-a-deleted-key")).hasValueSatisfying(
                (found) -> assertThat(found.apiKeyId()).isNull());
        assertThat(this.events.sum(org, "emails.sent", Period.calendarMonthOf(this.clock.instant()))).isEqualTo(1);
    }

    @Test
    void instantsKeepTheirMicrosecondsOnEitherSideOfTheEpoch() {
        OrgId org = createOrg();
        UsageEvent event = new UsageEvent(Ids.next(this.clock), org, "emails.sent", 1,
                Instant.parse("2026-03-01T12:00:00.123456Z"), Instant.parse("1969-12-31T23:59:59.999999Z"), null,
                "microseconds", "ab".repeat(32), null, null);

        this.events.insertBatch(List.of(event));

        assertThat(this.events.findByIdempotencyKey(org, "microseconds")).contains(event);
    }

    @Test
    void deletingAnOrganizationDeletesItsUsageAndNoOtherOrganizations() {
        OrgId deleted = createOrg();
        OrgId kept = createOrg();
        this.events.insertBatch(List.of(requestEvent(deleted, null, this.clock.instant(), "auto:" + UUID.randomUUID()),
                requestEvent(kept, null, this.clock.instant(), "auto:" + UUID.randomUUID())));

        asSystem("delete from organization where id = :org", deleted);

        assertThat(countAsSystem("select count(*) from usage_event where org_id = :org", deleted)).isZero();
        assertThat(this.events.sum(kept, Metrics.API_REQUESTS, Period.calendarMonthOf(this.clock.instant())))
                .isEqualTo(1);
    }

    @Test
    void theRollupSetsDriftedRowsToTheEventSumsIncludingPerKeyRows() {
        OrgId org = createOrg();
        ApiKeyId keyA = createApiKey(org);
        ApiKeyId keyB = createApiKey(org);
        Instant now = this.clock.instant();
        LocalDate day = LocalDate.ofInstant(now, ZoneOffset.UTC);
        this.events.insertBatch(List.of(requestEvent(org, keyA, now, "a1"), requestEvent(org, keyA, now, "a2"),
                requestEvent(org, null, now, "n1"), new UsageEvent(Ids.next(this.clock), org, "emails.sent", 4, now,
                        now, keyA, "custom", null, null, null)));
        this.events.foldRollups();
        asSystem("update usage_daily set quantity = 10 where org_id = :org and metric = 'api_requests'", org);
        asSystem("delete from usage_daily where org_id = :org and metric = '" + Metrics.apiKey(keyA) + "'", org);
        asSystem("insert into usage_daily (id, org_id, metric, day, quantity) select gen_random_uuid(), :org, '"
                + Metrics.apiKey(keyB) + "', day, 5 from usage_daily where org_id = :org and metric = 'api_requests'",
                org);
        asSystem("update usage_daily set quantity = 99 where org_id = :org and metric = 'emails.sent'", org);

        List<UsageDrift> drift = this.events.recomputeDaily(day).stream()
                .filter((row) -> row.orgId().equals(org)).toList();

        assertThat(drift).containsExactlyInAnyOrder(new UsageDrift(org, Metrics.API_REQUESTS, day, 10, 3),
                new UsageDrift(org, Metrics.apiKey(keyA), day, 0, 2), new UsageDrift(org, Metrics.apiKey(keyB), day,
                        5, 0));
        assertThat(this.events.daily(org, null, day)).extracting((row) -> row.metric() + "=" + row.quantity())
                .containsExactlyInAnyOrder("api_requests=3", Metrics.apiKey(keyA) + "=2", Metrics.apiKey(keyB) + "=0",
                        "emails.sent=99");
        assertThat(this.events.recomputeDaily(day)).noneMatch((row) -> row.orgId().equals(org));
        assertThat(this.events.daily(org, null, day)).extracting((row) -> row.metric() + "=" + row.quantity())
                .containsExactlyInAnyOrder("api_requests=3", Metrics.apiKey(keyA) + "=2", Metrics.apiKey(keyB) + "=0",
                        "emails.sent=99");
    }

    @Test
    void batchesAddDeltasThatAFoldMovesIntoTheRollups() {
        OrgId org = createOrg();
        Instant now = this.clock.instant();
        this.events.insertBatch(List.of(requestEvent(org, null, now, "d1"), requestEvent(org, null, now, "d2")));
        assertThat(pendingDeltas(org)).isPositive();

        this.events.foldRollups();

        assertThat(pendingDeltas(org)).isZero();
        assertThat(this.events.daily(org, Metrics.API_REQUESTS, LocalDate.ofInstant(now, ZoneOffset.UTC)))
                .extracting(UsageDay::quantity).containsExactly(2L);
    }

    @Test
    void aReadFoldsItsOrganizationsDeltasOnly() {
        OrgId org = createOrg();
        OrgId other = createOrg();
        Instant now = this.clock.instant();
        this.events.insertBatch(List.of(requestEvent(org, null, now, "r1"), requestEvent(other, null, now, "r1")));

        assertThat(this.events.daily(org, null, LocalDate.ofInstant(now, ZoneOffset.UTC)))
                .extracting(UsageDay::quantity).containsExactly(1L);

        assertThat(pendingDeltas(org)).isZero();
        assertThat(pendingDeltas(other)).isPositive();
    }

    @Test
    void theRollupFoldsPendingDeltasBeforeRecomputingSoNothingCountsTwice() {
        OrgId org = createOrg();
        Instant now = this.clock.instant();
        LocalDate day = LocalDate.ofInstant(now, ZoneOffset.UTC);
        this.events.insertBatch(List.of(requestEvent(org, null, now, "p1"), requestEvent(org, null, now, "p2")));

        List<UsageDrift> drift = this.events.recomputeDaily(day);

        assertThat(drift).noneMatch((row) -> row.orgId().equals(org));
        assertThat(pendingDeltas(org)).isZero();
        assertThat(this.events.daily(org, Metrics.API_REQUESTS, day)).extracting(UsageDay::quantity)
                .containsExactly(2L);
    }

    @Test
    void aFoldRunsByItselfOnceTheIntervalHasPassedAfterABatch() throws InterruptedException {
        OrgId org = createOrg();
        Instant now = this.clock.instant();
        this.events.insertBatch(List.of(requestEvent(org, null, now, "t1")));
        Thread.sleep(JdbcUsageEventStore.FOLD_INTERVAL.toMillis() + 50);

        this.events.insertBatch(List.of(requestEvent(createOrg(), null, now, "t2")));

        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (pendingDeltas(org) > 0 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(pendingDeltas(org)).as("folded in the background after the batch").isZero();
    }

    @Test
    void aBatchRefusedForOneOrganizationsDataWritesNothingForAnyOther() {
        OrgId known = createOrg();
        OrgId unknown = new OrgId(UUID.randomUUID());
        Instant now = this.clock.instant();
        UsageEvent kept = requestEvent(known, null, now, "refused-batch-a");
        UsageEvent refused = requestEvent(unknown, null, now, "refused-batch-b");

        assertThatExceptionOfType(RejectedUsageEventException.class)
                .as("no organization row: the foreign key refuses the event")
                .isThrownBy(() -> this.events.insertBatch(List.of(kept, refused)));

        assertThat(this.events.findByIdempotencyKey(known, "refused-batch-a")).as("one transaction").isEmpty();
        assertThat(this.events.daily(known, Metrics.API_REQUESTS, LocalDate.ofInstant(now, ZoneOffset.UTC)))
                .isEmpty();
        assertThat(this.events.insertBatch(List.of(kept))).containsExactly(kept.id());
    }

    @Test
    void aBatchLeavesNoTenantScopeOnThePooledConnections() throws SQLException {
        OrgId org = createOrg();
        this.events.insertBatch(List.of(requestEvent(org, null, this.clock.instant(), "scope-check")));

        DataSource dataSource = SharedDatabase.get().dataSource();
        List<Connection> pool = new ArrayList<>();
        try {
            for (int i = 0; i < POOL_SIZE; i++) {
                pool.add(dataSource.getConnection());
            }
            for (Connection connection : pool) {
                try (Statement statement = connection.createStatement();
                        ResultSet row = statement.executeQuery(
                                "select current_user, coalesce(current_setting('app.org_id', true), '')")) {
                    assertThat(row.next()).isTrue();
                    assertThat(row.getString(1)).isNotEqualTo("saaskit_tenant");
                    assertThat(row.getString(2)).isEmpty();
                }
            }
        }
        finally {
            for (Connection connection : pool) {
                connection.close();
            }
        }
    }

    private static long pendingDeltas(OrgId org) {
        return countAsSystem("select count(*) from usage_daily_delta where org_id = :org", org);
    }

    private static long countAsSystem(String sql, OrgId org) {
        return new TransactionTemplate(new DataSourceTransactionManager(SharedDatabase.get().dataSource()))
                .execute((status) -> {
                    JdbcClient jdbc = JdbcClient.create(SharedDatabase.get().dataSource());
                    jdbc.sql("select set_config('app.system', 'on', true)").query().listOfRows();
                    return jdbc.sql(sql).param("org", org.value()).query(Long.class).single();
                });
    }

    private UsageEvent requestEvent(OrgId org, @Nullable ApiKeyId key, Instant at, String idempotencyKey) {
        return new UsageEvent(Ids.next(this.clock), org, Metrics.API_REQUESTS, 1, at, at, key, idempotencyKey, null,
                null, null);
    }

    private static void asSystem(String sql, OrgId org) {
        new TransactionTemplate(new DataSourceTransactionManager(SharedDatabase.get().dataSource()))
                .executeWithoutResult((status) -> {
                    JdbcClient jdbc = JdbcClient.create(SharedDatabase.get().dataSource());
                    jdbc.sql("select set_config('app.system', 'on', true)").query().listOfRows();
                    jdbc.sql(sql).param("org", org.value()).update();
                });
    }
}
