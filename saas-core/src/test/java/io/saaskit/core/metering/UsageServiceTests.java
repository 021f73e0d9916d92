package io.saaskit.core.metering;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.saaskit.core.apikey.ApiKeyId;
import io.saaskit.core.membership.OrgAccess;
import io.saaskit.core.membership.Role;
import io.saaskit.core.shared.ClientInfo;
import io.saaskit.core.shared.ConflictException;
import io.saaskit.core.shared.FieldError;
import io.saaskit.core.shared.ForbiddenException;
import io.saaskit.core.shared.RequestContext;
import io.saaskit.core.shared.ValidationException;
import io.saaskit.core.tenancy.Organization;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class UsageServiceTests {

    private final MeteringFixture fixture = new MeteringFixture();

    private final Organization org = this.fixture.organization();

    private final ApiKeyId key = new ApiKeyId(UUID.randomUUID());

    private final RequestContext context = RequestContext.NONE;

    @AfterEach
    void close() {
        this.fixture.close();
    }

    // --- GET /usage ---

    @Test
    void dailyRowsFollowTheMetricFilter() {
        recordRequests(3);
        post("k1", "emails.sent", 2L, null);

        assertThat(this.fixture.usage.daily(admin(), 30, Metrics.API_REQUESTS)).singleElement()
                .satisfies((day) -> {
                    assertThat(day.quantity()).isEqualTo(3);
                    assertThat(day.day()).isEqualTo(LocalDate.parse("2026-03-01"));
                });
        assertThat(this.fixture.usage.daily(admin(), 30, Metrics.apiKey(this.key))).singleElement()
                .extracting(UsageDay::quantity).isEqualTo(3L);
        assertThat(this.fixture.usage.daily(admin(), 30, "*")).extracting(UsageDay::metric)
                .containsExactlyInAnyOrder(Metrics.API_REQUESTS, Metrics.apiKey(this.key), "emails.sent");
    }

    @Test
    void dailyReachesBackTheRequestedNumberOfDaysIncludingToday() {
        recordRequests(1);
        this.fixture.clock.advance(Duration.ofDays(2));
        recordRequests(1);

        assertThat(this.fixture.usage.daily(admin(), 2, Metrics.API_REQUESTS)).hasSize(1);
        assertThat(this.fixture.usage.daily(admin(), 3, Metrics.API_REQUESTS)).extracting(UsageDay::day)
                .containsExactly(LocalDate.parse("2026-03-03"), LocalDate.parse("2026-03-01"));
    }

    @ParameterizedTest
    @ValueSource(ints = { 0, -1, 367 })
    void daysOutOfRangeAreRefused(int days) {
        assertThatExceptionOfType(ValidationException.class)
                .isThrownBy(() -> this.fixture.usage.daily(admin(), days, Metrics.API_REQUESTS))
                .satisfies((ex) -> assertThat(ex.errors()).extracting(FieldError::field).containsExactly("days"));
    }

    @ParameterizedTest
    @ValueSource(strings = { "\u0000", "Upper", "api_key:not-a-uuid", "", "a b" })
    void malformedMetricQueriesAreRefusedWithTheMetricField(String metric) {
        assertThatExceptionOfType(ValidationException.class)
                .isThrownBy(() -> this.fixture.usage.daily(admin(), 30, metric))
                .satisfies((ex) -> assertThat(ex.errors()).extracting(FieldError::field).containsExactly("metric"));
        assertThatExceptionOfType(ValidationException.class)
                .isThrownBy(() -> this.fixture.usage.summary(admin(), metric))
                .satisfies((ex) -> assertThat(ex.errors()).extracting(FieldError::field).containsExactly("metric"));
    }

    @Test
    void readingUsageNeedsUsageRead() {
        assertThatExceptionOfType(ForbiddenException.class).isThrownBy(() -> this.fixture.usage.daily(
                MeteringFixture.access(this.org, Role.MEMBER), 30, Metrics.API_REQUESTS));
        assertThatExceptionOfType(ForbiddenException.class).isThrownBy(() -> this.fixture.usage.summary(
                MeteringFixture.access(this.org, Role.READONLY), Metrics.API_REQUESTS));
    }

    // --- GET /usage/summary ---

    @Test
    void theSummaryShowsUsageAgainstTheLimitForThePeriod() {
        recordRequests(2);

        UsageSummary summary = this.fixture.usage.summary(admin(), Metrics.API_REQUESTS);

        assertThat(summary).isEqualTo(new UsageSummary(Metrics.API_REQUESTS, "free", 2, 5L, 3L,
                Instant.parse("2026-03-01T00:00:00Z"), Instant.parse("2026-04-01T00:00:00Z")));
    }

    @Test
    void anUnlimitedMetricHasNoLimitOrRemainder() {
        UsageSummary summary = this.fixture.usage.summary(admin(), "exports.run");

        assertThat(summary.used()).isZero();
        assertThat(summary.limit()).isNull();
        assertThat(summary.remaining()).isNull();
    }

    // --- POST /usage/events ---

    @Test
    void aPostedEventIsStoredWithItsKeyHashAndProperties() {
        RecordedUsageEvent recorded = this.fixture.usage.record(this.org.id(), this.key, new ClientUsageEvent("k-1",
                "emails.sent", 2L, Instant.parse("2026-03-01T11:00:00Z"), "{\"a\":1}", "hash-1"),
                new RequestContext("req-9", ClientInfo.UNKNOWN));

        assertThat(recorded.replayed()).isFalse();
        UsageEvent event = recorded.event();
        assertThat(event.metric()).isEqualTo("emails.sent");
        assertThat(event.quantity()).isEqualTo(2);
        assertThat(event.occurredAt()).isEqualTo(Instant.parse("2026-03-01T11:00:00Z"));
        assertThat(event.apiKeyId()).isEqualTo(this.key);
        assertThat(event.payloadHash()).isEqualTo("hash-1");
        assertThat(event.requestId()).isEqualTo("req-9");
        assertThat(event.properties()).isEqualTo("{\"a\":1}");
        assertThat(this.fixture.events.findByIdempotencyKey(this.org.id(), "k-1")).contains(event);
    }

    @Test
    void theTimestampDefaultsToNow() {
        RecordedUsageEvent recorded = post("k-now", "emails.sent", 1L, null);

        assertThat(recorded.event().occurredAt()).isEqualTo(this.fixture.clock.instant());
    }

    @Test
    void theSameKeyAndPayloadReplayWithoutASecondEvent() {
        RecordedUsageEvent first = post("k-2", "emails.sent", 1L, null);

        RecordedUsageEvent again = post("k-2", "emails.sent", 1L, null);

        assertThat(again.replayed()).isTrue();
        assertThat(again.event()).isEqualTo(first.event());
        assertThat(this.fixture.events.sum(this.org.id(), "emails.sent", period())).isEqualTo(1);
    }

    @Test
    void theSameKeyWithAnotherPayloadIsAConflict() {
        post("k-3", "emails.sent", 1L, null);

        assertThatExceptionOfType(ConflictException.class).isThrownBy(() -> this.fixture.usage.record(this.org.id(),
                this.key, new ClientUsageEvent("k-3", "emails.sent", 2L, null, null, "other-hash"), this.context))
                .withMessage("Idempotency-Key reused with a different payload");
    }

    @Test
    void idempotencyKeysArePerOrganization() {
        post("shared", "emails.sent", 1L, null);
        Organization other = this.fixture.organization();

        RecordedUsageEvent recorded = this.fixture.usage.record(other.id(), null,
                new ClientUsageEvent("shared", "emails.sent", 1L, null, null, "hash-other"), this.context);

        assertThat(recorded.replayed()).isFalse();
    }

    @Test
    void concurrentFirstUsesOfOneKeyRecordOneEvent() throws Exception {
        ExecutorService executor = Executors.newFixedThreadPool(8);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<RecordedUsageEvent>> outcomes = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                outcomes.add(executor.submit(() -> {
                    start.await();
                    return this.fixture.usage.record(this.org.id(), this.key,
                            new ClientUsageEvent("race", "exports.run", 1L, null, null, "same-hash"), this.context);
                }));
            }
            start.countDown();
            List<RecordedUsageEvent> results = new ArrayList<>();
            for (Future<RecordedUsageEvent> outcome : outcomes) {
                results.add(outcome.get(30, TimeUnit.SECONDS));
            }

            assertThat(results).filteredOn((r) -> !r.replayed()).hasSize(1);
            assertThat(results).extracting(RecordedUsageEvent::event).containsOnly(results.get(0).event());
            assertThat(this.fixture.events.sum(this.org.id(), "exports.run", period())).isEqualTo(1);
            assertThat(this.fixture.metering.admit(this.org.id(), "exports.run", 1, null, this.context).used())
                    .as("the losers' quota came back").isEqualTo(2);
        }
        finally {
            executor.shutdownNow();
        }
    }

    @Test
    void aLimitedCustomMetricIsAdmittedUpToItsLimit() {
        post("e1", "emails.sent", 1L, null);
        post("e2", "emails.sent", 1L, null);

        assertThatExceptionOfType(UsageLimitExceededException.class).isThrownBy(() -> post("e3", "emails.sent", 1L,
                null)).satisfies((ex) -> assertThat(ex.metric()).isEqualTo("emails.sent"));
        assertThat(this.fixture.events.findByIdempotencyKey(this.org.id(), "e3")).isEmpty();
    }

    @Test
    void customEventsDoNotCountAsApiRequests() {
        post("e1", "exports.run", 1L, null);

        assertThat(this.fixture.usage.summary(admin(), Metrics.API_REQUESTS).used()).isZero();
    }

    @Test
    void everyBrokenRuleIsReportedTogether() {
        ClientUsageEvent bad = new ClientUsageEvent(null, "api_requests", 0L,
                Instant.parse("2026-02-28T23:59:59Z"), "{\"x\":\"" + "y".repeat(4096) + "\"}", "h");

        assertThatExceptionOfType(ValidationException.class)
                .isThrownBy(() -> this.fixture.usage.record(this.org.id(), this.key, bad, this.context))
                .satisfies((ex) -> assertThat(ex.errors()).extracting(FieldError::field)
                        .containsExactly("Idempotency-Key", "metric", "quantity", "timestamp", "properties"));
    }

    @ParameterizedTest
    @ValueSource(strings = { "Upper", "1abc", "has space", "a/b", "" })
    void malformedMetricsAreRefused(String metric) {
        assertThat(errorFields(new ClientUsageEvent("k", metric, 1L, null, null, "h"))).containsExactly("metric");
    }

    @Test
    void metricsMayHaveDotsDashesAndUnderscoresUpTo64Characters() {
        assertThat(post("k-m", "a" + "b.c-d_e".repeat(9), 1L, null).event().metric()).hasSize(64);
        assertThat(errorFields(new ClientUsageEvent("k", "a".repeat(65), 1L, null, null, "h")))
                .containsExactly("metric");
    }

    @Test
    void quantitiesAreBounded() {
        assertThat(post("k-max", "exports.run", UsageService.MAX_QUANTITY, null).event().quantity())
                .isEqualTo(1_000_000_000L);
        assertThat(errorFields(new ClientUsageEvent("k", "exports.run", UsageService.MAX_QUANTITY + 1, null, null,
                "h"))).containsExactly("quantity");
        assertThat(errorFields(new ClientUsageEvent("k", "exports.run", null, null, null, "h")))
                .containsExactly("quantity");
    }

    @Test
    void timestampsMustLieInThePeriodAndAtMostFiveMinutesAhead() {
        Instant now = this.fixture.clock.instant();
        assertThat(post("t1", "exports.run", 1L, now.plus(Duration.ofMinutes(5))).replayed()).isFalse();
        assertThat(errorFields(new ClientUsageEvent("t2", "exports.run", 1L, now.plus(Duration.ofMinutes(5))
                .plusMillis(1), null, "h"))).containsExactly("timestamp");
        assertThat(errorFields(new ClientUsageEvent("t3", "exports.run", 1L,
                Instant.parse("2026-04-01T00:00:00Z"), null, "h"))).containsExactly("timestamp");
    }

    @ParameterizedTest
    @ValueSource(strings = { "{\"a\":\"\\u0000\"}", "{\"a\":\"x\u0000\"}", "{\"a\":\"\\ud800\"}",
            "{\"a\":\"\ud800b\"}", "{\"a\":\"\\udc00\"}", "{\"a\":\"\\u12\"}" })
    void propertiesThatCannotBeStoredAreRefusedBeforeTheyReachABatch(String properties) {
        assertThat(errorFields(new ClientUsageEvent("k-p", "exports.run", 1L, null, properties, "h")))
                .containsExactly("properties");
    }

    @Test
    void escapedBackslashesAndPairedSurrogatesInPropertiesAreStored() {
        String properties = "{\"path\":\"C:\\\\u0000\",\"emoji\":\"\\ud83d\\ude00\\u00e9\"}";
        RecordedUsageEvent recorded = this.fixture.usage.record(this.org.id(), this.key,
                new ClientUsageEvent("k-ok", "exports.run", 1L, null, properties, "h"), this.context);

        assertThat(recorded.event().properties()).isEqualTo(properties);
    }

    @ParameterizedTest
    @ValueSource(strings = { "has space", "tab\tkey", "é" })
    void idempotencyKeysMustBeVisibleAscii(String key) {
        assertThat(errorFields(new ClientUsageEvent(key, "exports.run", 1L, null, null, "h")))
                .containsExactly("Idempotency-Key");
    }

    @Test
    void idempotencyKeysMayHaveUpTo255Characters() {
        assertThat(post("k".repeat(255), "exports.run", 1L, null).replayed()).isFalse();
        assertThat(errorFields(new ClientUsageEvent("k".repeat(256), "exports.run", 1L, null, null, "h")))
                .containsExactly("Idempotency-Key");
    }

    private List<String> errorFields(ClientUsageEvent event) {
        try {
            this.fixture.usage.record(this.org.id(), this.key, event, this.context);
        }
        catch (ValidationException ex) {
            return ex.errors().stream().map(FieldError::field).toList();
        }
        return List.of();
    }

    private RecordedUsageEvent post(String idempotencyKey, String metric, Long quantity, @Nullable Instant timestamp) {
        return this.fixture.usage.record(this.org.id(), this.key,
                new ClientUsageEvent(idempotencyKey, metric, quantity, timestamp, null, "hash-" + metric + quantity),
                this.context);
    }

    private void recordRequests(int count) {
        for (int i = 0; i < count; i++) {
            Admission admission = this.fixture.metering.admit(this.org.id(), Metrics.API_REQUESTS, 1, this.key,
                    this.context);
            this.fixture.metering.record(admission, this.fixture.metering.routeEvent(admission, this.key, null));
        }
    }

    private OrgAccess admin() {
        return MeteringFixture.access(this.org, Role.ADMIN);
    }

    private Period period() {
        return Period.calendarMonthOf(this.fixture.clock.instant());
    }
}
