package io.saaskit.core.metering.port;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.saaskit.core.apikey.ApiKeyId;
import io.saaskit.core.metering.Metrics;
import io.saaskit.core.metering.Period;
import io.saaskit.core.metering.UsageDay;
import io.saaskit.core.metering.UsageDrift;
import io.saaskit.core.metering.UsageEvent;
import io.saaskit.core.shared.Ids;
import io.saaskit.core.tenancy.OrgId;
import io.saaskit.core.testing.MutableClock;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The behaviour every {@link UsageEventStore} must show: batches insert every event not stored yet whose client
 * idempotency key (if it has one) is free in its organization and skip the others, daily rollups ({@code <metric>},
 * and {@code api_key:<id>} for {@code api_requests} made with a key) always equal the events, deletion takes an event
 * off its rollups, sums respect period bounds, and organizations never see each other's usage.
 *
 * <p>Extend it once per implementation. Stores with foreign keys override {@link #createOrg()} and
 * {@link #createApiKey(OrgId)} to store the organization or key first. Every test uses fresh organizations, so
 * implementations may share one store without cleaning up.
 */
public abstract class UsageEventStoreContractTests {

    /** The clock that stamps test events; its instants have whole milliseconds. */
    protected final MutableClock clock = new MutableClock();

    /**
     * The store under test. May be called many times per test; every call must see the same store.
     * @return the store
     */
    protected abstract UsageEventStore events();

    /**
     * A new organization no other test uses.
     * @return its id
     */
    protected OrgId createOrg() {
        return new OrgId(UUID.randomUUID());
    }

    /**
     * A new API key of an organization.
     * @param orgId the organization
     * @return its id
     */
    protected ApiKeyId createApiKey(OrgId orgId) {
        return new ApiKeyId(UUID.randomUUID());
    }

    @Test
    void theStoreIdIsTheSameAtEveryCall() {
        String id = events().storeId();

        assertThat(id).isNotBlank();
        assertThat(events().storeId()).isEqualTo(id);
    }

    @Test
    void insertedEventIsFoundByItsIdempotencyKeyWithEveryField() {
        OrgId org = createOrg();
        ApiKeyId key = createApiKey(org);
        UsageEvent event = new UsageEvent(Ids.next(this.clock), org, "emails.sent", 3,
                this.clock.instant().minusSeconds(60), this.clock.instant(), key, "client-key-1", "ab".repeat(32),
                "req-1", "{\"campaign\":\"spring\"}");

        Set<UUID> inserted = events().insertBatch(List.of(event));

        assertThat(inserted).containsExactly(event.id());
        UsageEvent found = events().findByIdempotencyKey(org, "client-key-1").orElseThrow();
        assertThat(found).usingRecursiveComparison().ignoringFields("properties").isEqualTo(event);
        assertThat(found.properties()).as("equivalent JSON; whitespace may differ").isNotNull()
                .satisfies((json) -> assertThat(json.replace(" ", "")).isEqualTo("{\"campaign\":\"spring\"}"));
    }

    @Test
    void clientEventWithoutOptionalFieldsIsStored() {
        OrgId org = createOrg();
        UsageEvent event = new UsageEvent(Ids.next(this.clock), org, "emails.sent", 1, this.clock.instant(),
                this.clock.instant(), null, "bare", "cd".repeat(32), null, null);

        events().insertBatch(List.of(event));

        assertThat(events().findByIdempotencyKey(org, "bare")).contains(event);
    }

    @Test
    void meteredRouteEventsAreCountedButNotFoundByTheirAutomaticKey() {
        OrgId org = createOrg();
        UsageEvent event = event(org, Metrics.API_REQUESTS, 1, null, this.clock.instant());

        Set<UUID> inserted = events().insertBatch(List.of(event));

        assertThat(inserted).containsExactly(event.id());
        assertThat(events().sum(org, Metrics.API_REQUESTS, month())).isEqualTo(1);
        assertThat(events().findByIdempotencyKey(org, event.idempotencyKey())).as("only client keys are looked up")
                .isEmpty();
    }

    @Test
    void aClientKeyThatEqualsAMeteredEventsKeyIsStillFree() {
        OrgId org = createOrg();
        UsageEvent metered = event(org, Metrics.API_REQUESTS, 1, null, this.clock.instant());
        events().insertBatch(List.of(metered));
        UsageEvent client = eventWithKey(org, metered.idempotencyKey(), 2);

        Set<UUID> inserted = events().insertBatch(List.of(client));

        assertThat(inserted).containsExactly(client.id());
        assertThat(events().findByIdempotencyKey(org, metered.idempotencyKey())).contains(client);
    }

    @Test
    void anEventStoredAlreadyIsSkippedWithoutFailingTheBatch() {
        OrgId org = createOrg();
        UsageEvent stored = event(org, Metrics.API_REQUESTS, 1, null, this.clock.instant());
        events().insertBatch(List.of(stored));
        UsageEvent next = event(org, Metrics.API_REQUESTS, 1, null, this.clock.instant());

        Set<UUID> inserted = events().insertBatch(List.of(stored, next));

        assertThat(inserted).containsExactly(next.id());
        assertThat(events().sum(org, Metrics.API_REQUESTS, month())).isEqualTo(2);
    }

    @Test
    void unknownIdempotencyKeyIsNotFound() {
        assertThat(events().findByIdempotencyKey(createOrg(), "never-used")).isEmpty();
    }

    @Test
    void aTakenIdempotencyKeyIsSkippedWithoutFailingTheBatch() {
        OrgId org = createOrg();
        UsageEvent first = eventWithKey(org, "same-key", 1);
        events().insertBatch(List.of(first));
        UsageEvent again = eventWithKey(org, "same-key", 5);
        UsageEvent other = eventWithKey(org, "other-key", 2);

        Set<UUID> inserted = events().insertBatch(List.of(again, other));

        assertThat(inserted).containsExactly(other.id());
        assertThat(events().findByIdempotencyKey(org, "same-key")).contains(first);
        assertThat(events().sum(org, "emails.sent", month())).isEqualTo(3);
    }

    @Test
    void twoEventsWithOneKeyInOneBatchInsertOnlyOne() {
        OrgId org = createOrg();
        UsageEvent one = eventWithKey(org, "dup", 1);
        UsageEvent two = eventWithKey(org, "dup", 1);

        Set<UUID> inserted = events().insertBatch(List.of(one, two));

        assertThat(inserted).hasSize(1);
        assertThat(events().sum(org, "emails.sent", month())).isEqualTo(1);
        assertThat(daily(org, "emails.sent")).singleElement().extracting(UsageDay::quantity).isEqualTo(1L);
    }

    @Test
    void idempotencyKeysAreScopedPerOrganization() {
        OrgId a = createOrg();
        OrgId b = createOrg();

        Set<UUID> inserted = events().insertBatch(List.of(eventWithKey(a, "shared", 1), eventWithKey(b, "shared", 1)));

        assertThat(inserted).hasSize(2);
        assertThat(events().findByIdempotencyKey(a, "shared")).map(UsageEvent::orgId).contains(a);
        assertThat(events().findByIdempotencyKey(b, "shared")).map(UsageEvent::orgId).contains(b);
    }

    @Test
    void dailyRollupsSumRequestsPerDayWithPerKeyRows() {
        OrgId org = createOrg();
        ApiKeyId keyA = createApiKey(org);
        ApiKeyId keyB = createApiKey(org);
        Instant today = this.clock.instant();
        Instant yesterday = today.minusSeconds(86_400);
        events().insertBatch(List.of(event(org, Metrics.API_REQUESTS, 1, keyA, today),
                event(org, Metrics.API_REQUESTS, 1, keyA, today), event(org, Metrics.API_REQUESTS, 1, keyB, today),
                event(org, Metrics.API_REQUESTS, 1, keyA, yesterday)));
        events().insertBatch(List.of(event(org, Metrics.API_REQUESTS, 1, null, today)));

        List<UsageDay> rows = daily(org, null);

        assertThat(rows(rows)).containsExactlyInAnyOrder(
                row(day(today), Metrics.API_REQUESTS, 4), row(day(today), Metrics.apiKey(keyA), 2),
                row(day(today), Metrics.apiKey(keyB), 1), row(day(yesterday), Metrics.API_REQUESTS, 1),
                row(day(yesterday), Metrics.apiKey(keyA), 1));
        assertThat(rows).extracting(UsageDay::day).isSortedAccordingTo(Comparator.reverseOrder());
    }

    @Test
    void customMetricsGetTheirOwnRowsButNoPerKeyRows() {
        OrgId org = createOrg();
        ApiKeyId key = createApiKey(org);
        events().insertBatch(List.of(event(org, "emails.sent", 7, key, this.clock.instant())));

        assertThat(rows(daily(org, null))).containsExactly(row(day(this.clock.instant()), "emails.sent", 7));
    }

    @Test
    void dailyRowsAreFilteredByMetricAndFirstDay() {
        OrgId org = createOrg();
        Instant today = this.clock.instant();
        events().insertBatch(List.of(event(org, Metrics.API_REQUESTS, 1, null, today),
                event(org, "emails.sent", 2, null, today),
                event(org, Metrics.API_REQUESTS, 1, null, today.minusSeconds(3 * 86_400))));

        List<UsageDay> requestsSinceYesterday = events().daily(org, Metrics.API_REQUESTS, day(today).minusDays(1));

        assertThat(rows(requestsSinceYesterday)).containsExactly(row(day(today), Metrics.API_REQUESTS, 1));
        assertThat(requestsSinceYesterday).allSatisfy((row) -> assertThat(row.orgId()).isEqualTo(org));
    }

    @Test
    void sumCountsOnlyTheMetricsEventsInsideThePeriod() {
        OrgId org = createOrg();
        Period month = month();
        events().insertBatch(List.of(event(org, Metrics.API_REQUESTS, 2, null, month.start()),
                event(org, Metrics.API_REQUESTS, 3, null, month.end().minusMillis(1)),
                event(org, Metrics.API_REQUESTS, 100, null, month.end()),
                event(org, Metrics.API_REQUESTS, 100, null, month.start().minusMillis(1)),
                event(org, "emails.sent", 100, null, month.start())));

        assertThat(events().sum(org, Metrics.API_REQUESTS, month)).isEqualTo(5);
        assertThat(events().sum(org, "never.used", month)).isZero();
    }

    @Test
    void deleteRemovesTheEventAndTakesItOffTheRollups() {
        OrgId org = createOrg();
        ApiKeyId key = createApiKey(org);
        UsageEvent kept = event(org, Metrics.API_REQUESTS, 1, key, this.clock.instant());
        UsageEvent removed = event(org, Metrics.API_REQUESTS, 1, key, this.clock.instant());
        events().insertBatch(List.of(kept, removed));

        boolean deleted = events().delete(org, removed.id());

        assertThat(deleted).isTrue();
        assertThat(events().sum(org, Metrics.API_REQUESTS, month())).isEqualTo(1);
        assertThat(rows(daily(org, null))).containsExactlyInAnyOrder(
                row(day(this.clock.instant()), Metrics.API_REQUESTS, 1),
                row(day(this.clock.instant()), Metrics.apiKey(key), 1));
        assertThat(events().delete(org, removed.id())).isFalse();
    }

    @Test
    void deletingAClientEventFreesItsKey() {
        OrgId org = createOrg();
        UsageEvent removed = eventWithKey(org, "retried", 1);
        events().insertBatch(List.of(removed));

        events().delete(org, removed.id());
        UsageEvent retried = eventWithKey(org, "retried", 1);

        assertThat(events().findByIdempotencyKey(org, "retried")).isEmpty();
        assertThat(events().insertBatch(List.of(retried))).containsExactly(retried.id());
        assertThat(events().findByIdempotencyKey(org, "retried")).contains(retried);
    }

    @Test
    void anotherOrganizationCannotDeleteOrSeeAnEvent() {
        OrgId owner = createOrg();
        OrgId stranger = createOrg();
        UsageEvent event = eventWithKey(owner, "private", 4);
        events().insertBatch(List.of(event));

        assertThat(events().delete(stranger, event.id())).isFalse();
        assertThat(events().findByIdempotencyKey(stranger, "private")).isEmpty();
        assertThat(events().sum(stranger, "emails.sent", month())).isZero();
        assertThat(events().daily(stranger, null, day(this.clock.instant()).minusDays(30))).isEmpty();
        assertThat(events().sum(owner, "emails.sent", month())).isEqualTo(4);
    }

    @Test
    void concurrentBatchesForOneOrganizationLoseNothing() throws Exception {
        OrgId org = createOrg();
        ApiKeyId key = createApiKey(org);
        OrgId other = createOrg();
        int threads = 4;
        int batchesPerThread = 10;
        ExecutorService executor = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                done.add(executor.submit(() -> {
                    for (int b = 0; b < batchesPerThread; b++) {
                        events().insertBatch(List.of(event(org, Metrics.API_REQUESTS, 1, key, this.clock.instant()),
                                event(other, Metrics.API_REQUESTS, 1, null, this.clock.instant()),
                                event(org, Metrics.API_REQUESTS, 1, null, this.clock.instant())));
                    }
                }));
            }
            for (Future<?> future : done) {
                future.get(60, TimeUnit.SECONDS);
            }
        }
        finally {
            executor.shutdownNow();
        }

        int total = threads * batchesPerThread;
        assertThat(events().sum(org, Metrics.API_REQUESTS, month())).isEqualTo(2L * total);
        assertThat(rows(daily(org, null))).containsExactlyInAnyOrder(
                row(day(this.clock.instant()), Metrics.API_REQUESTS, 2L * total),
                row(day(this.clock.instant()), Metrics.apiKey(key), total));
        assertThat(events().sum(other, Metrics.API_REQUESTS, month())).isEqualTo(total);
    }

    @Test
    void recomputingADayThatAgreesWithItsEventsChangesNothing() {
        OrgId org = createOrg();
        ApiKeyId key = createApiKey(org);
        Instant now = this.clock.instant();
        events().insertBatch(List.of(event(org, Metrics.API_REQUESTS, 2, key, now),
                event(org, Metrics.API_REQUESTS, 1, null, now), event(org, "emails.sent", 4, key, now)));
        List<String> before = rows(daily(org, null));

        List<UsageDrift> first = events().recomputeDaily(day(now));
        List<UsageDrift> second = events().recomputeDaily(day(now));

        assertThat(first).noneMatch((drift) -> drift.orgId().equals(org));
        assertThat(second).noneMatch((drift) -> drift.orgId().equals(org));
        assertThat(rows(daily(org, null))).isEqualTo(before).containsExactlyInAnyOrder(
                row(day(now), Metrics.API_REQUESTS, 3), row(day(now), Metrics.apiKey(key), 2),
                row(day(now), "emails.sent", 4));
    }

    @Test
    void recomputingADayLeavesOtherDaysAndOrganizationsAlone() {
        OrgId org = createOrg();
        OrgId other = createOrg();
        Instant now = this.clock.instant();
        Instant yesterday = now.minusSeconds(86_400);
        events().insertBatch(List.of(event(org, Metrics.API_REQUESTS, 1, null, now),
                event(org, Metrics.API_REQUESTS, 5, null, yesterday),
                event(other, Metrics.API_REQUESTS, 7, null, now)));

        events().recomputeDaily(day(yesterday));

        assertThat(rows(daily(org, null))).containsExactlyInAnyOrder(row(day(now), Metrics.API_REQUESTS, 1),
                row(day(yesterday), Metrics.API_REQUESTS, 5));
        assertThat(rows(daily(other, null))).containsExactly(row(day(now), Metrics.API_REQUESTS, 7));
    }

    private List<UsageDay> daily(OrgId org, @Nullable String metric) {
        return events().daily(org, metric, day(this.clock.instant()).minusDays(30));
    }

    private Period month() {
        return Period.calendarMonthOf(this.clock.instant());
    }

    private UsageEvent event(OrgId org, String metric, long quantity, @Nullable ApiKeyId key, Instant occurredAt) {
        return new UsageEvent(Ids.next(this.clock), org, metric, quantity, occurredAt, this.clock.instant(), key,
                "auto:" + UUID.randomUUID(), null, null, null);
    }

    private UsageEvent eventWithKey(OrgId org, String idempotencyKey, long quantity) {
        return new UsageEvent(Ids.next(this.clock), org, "emails.sent", quantity, this.clock.instant(),
                this.clock.instant(), null, idempotencyKey, "hash-" + quantity, null, null);
    }

    private static LocalDate day(Instant instant) {
        return LocalDate.ofInstant(instant, ZoneOffset.UTC);
    }

    private static List<String> rows(List<UsageDay> days) {
        return days.stream().map((d) -> row(d.day(), d.metric(), d.quantity())).toList();
    }

    private static String row(LocalDate day, String metric, long quantity) {
        return day + " " + metric + " " + quantity;
    }
}
