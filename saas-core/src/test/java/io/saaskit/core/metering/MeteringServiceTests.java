package io.saaskit.core.metering;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.saaskit.core.apikey.ApiKeyId;
import io.saaskit.core.audit.AuditEntry;
import io.saaskit.core.audit.ActorType;
import io.saaskit.core.membership.Role;
import io.saaskit.core.memory.InMemoryUsageEventStore;
import io.saaskit.core.metering.port.QuotaCounter;
import io.saaskit.core.shared.Ids;
import io.saaskit.core.shared.RequestContext;
import io.saaskit.core.shared.ServiceUnavailableException;
import io.saaskit.core.tenancy.OrgId;
import io.saaskit.core.tenancy.Organization;
import io.saaskit.core.testing.ForwardingUsageEventStore;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class MeteringServiceTests {

    private final MeteringFixture fixture = new MeteringFixture();

    private final Organization org = this.fixture.organization();

    private final ApiKeyId key = new ApiKeyId(UUID.randomUUID());

    @AfterEach
    void close() {
        this.fixture.close();
    }

    @Test
    void requestsAreAdmittedUpToTheLimitThenRefusedUntilThePeriodEnds() {
        for (int i = 1; i <= 5; i++) {
            Admission admission = admitRequest();
            assertThat(admission.used()).isEqualTo(i);
            assertThat(admission.limit()).isEqualTo(5L);
            assertThat(admission.remaining()).isEqualTo(5L - i);
        }

        assertThatExceptionOfType(UsageLimitExceededException.class).isThrownBy(this::admitRequest)
                .satisfies((ex) -> {
                    assertThat(ex.code()).isEqualTo("USAGE_LIMIT");
                    assertThat(ex.metric()).isEqualTo(Metrics.API_REQUESTS);
                    assertThat(ex.used()).isEqualTo(5);
                    assertThat(ex.limit()).isEqualTo(5);
                    assertThat(ex.periodEnd()).isEqualTo(Instant.parse("2026-04-01T00:00:00Z"));
                    assertThat(ex.retryAfterSeconds()).isEqualTo(31L * 86_400 - 12 * 3_600);
                });
    }

    @Test
    void retryAfterRoundsUpToWholeSeconds() {
        this.fixture.clock.set(Instant.parse("2026-03-31T23:59:58.500Z"));
        this.fixture.counter.initialize(this.org.id(), Metrics.API_REQUESTS, period(), 5);

        assertThatExceptionOfType(UsageLimitExceededException.class).isThrownBy(this::admitRequest)
                .satisfies((ex) -> assertThat(ex.retryAfterSeconds()).isEqualTo(2));
    }

    @Test
    void theFirstRefusalOfAPeriodIsAuditedOnce() {
        this.fixture.counter.initialize(this.org.id(), Metrics.API_REQUESTS, period(), 5);

        for (int i = 0; i < 3; i++) {
            assertThatExceptionOfType(UsageLimitExceededException.class).isThrownBy(this::admitRequest);
        }

        List<AuditEntry> entries = this.fixture.audit.entries(this.org.id());
        assertThat(entries).singleElement().satisfies((entry) -> {
            assertThat(entry.action()).isEqualTo("usage.limit.reached");
            assertThat(entry.actor().type()).isEqualTo(ActorType.API_KEY);
            assertThat(entry.metadata()).containsEntry("metric", Metrics.API_REQUESTS).containsEntry("limit", 5L);
        });
    }

    @Test
    void aRefusalCountsNothing() {
        this.fixture.counter.initialize(this.org.id(), Metrics.API_REQUESTS, period(), 5);
        assertThatExceptionOfType(UsageLimitExceededException.class).isThrownBy(this::admitRequest);

        this.fixture.counter.release(this.org.id(), Metrics.API_REQUESTS, period(), 1);

        assertThat(admitRequest().used()).isEqualTo(5);
    }

    @Test
    void aNewCounterStartsFromTheEventsAlreadyRecorded() {
        this.fixture.events.insertBatch(List.of(event(3)));

        assertThat(admitRequest().used()).isEqualTo(4);
        assertThat(admitRequest().used()).isEqualTo(5);
        assertThatExceptionOfType(UsageLimitExceededException.class).isThrownBy(this::admitRequest);
    }

    @Test
    void aCounterLostMidPeriodIsRebuiltFromTheEvents() {
        record(admitRequest());
        record(admitRequest());

        this.fixture.counter.clear();

        assertThat(admitRequest().used()).isEqualTo(3);
    }

    @Test
    void aNewPeriodStartsFromZero() {
        for (int i = 0; i < 5; i++) {
            record(admitRequest());
        }
        assertThatExceptionOfType(UsageLimitExceededException.class).isThrownBy(this::admitRequest);

        this.fixture.clock.set(Instant.parse("2026-04-01T00:00:00Z"));

        Admission admission = admitRequest();
        assertThat(admission.used()).isEqualTo(1);
        assertThat(admission.period().start()).isEqualTo(Instant.parse("2026-04-01T00:00:00Z"));
    }

    @Test
    void anUnlimitedMetricIsAdmittedAndStillCounted() {
        Admission first = this.fixture.metering.admit(this.org.id(), "exports.run", 1_000_000, null,
                RequestContext.NONE);
        Admission second = this.fixture.metering.admit(this.org.id(), "exports.run", 1, null, RequestContext.NONE);

        assertThat(first.limit()).isNull();
        assertThat(first.remaining()).isNull();
        assertThat(second.used()).isEqualTo(1_000_001);
    }

    @Test
    void racingRequestsNeverPassTheLimit() throws Exception {
        int threads = 16;
        ExecutorService executor = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<Boolean>> outcomes = new ArrayList<>();
            for (int i = 0; i < 64; i++) {
                outcomes.add(executor.submit(() -> {
                    start.await();
                    try {
                        record(admitRequest());
                        return true;
                    }
                    catch (UsageLimitExceededException ex) {
                        return false;
                    }
                }));
            }
            start.countDown();
            int admitted = 0;
            for (Future<Boolean> outcome : outcomes) {
                admitted += outcome.get(30, TimeUnit.SECONDS) ? 1 : 0;
            }

            assertThat(admitted).isEqualTo(5);
            assertThat(this.fixture.events.sum(this.org.id(), Metrics.API_REQUESTS, period())).isEqualTo(5);
        }
        finally {
            executor.shutdownNow();
        }
    }

    @Test
    void aRecordedEventIsDurableWithItsRollupsWhenRecordReturns() {
        Admission admission = admitRequest();
        UsageEvent event = this.fixture.metering.routeEvent(admission, this.key, "req-1");

        boolean recorded = this.fixture.metering.record(admission, event);

        assertThat(recorded).isTrue();
        assertThat(event.idempotencyKey()).isEqualTo("auto:" + event.id());
        assertThat(this.fixture.events.sum(this.org.id(), Metrics.API_REQUESTS, period())).isEqualTo(1);
        assertThat(this.fixture.events.daily(this.org.id(), null, LocalDate.parse("2026-03-01")))
                .extracting(UsageDay::metric).containsExactlyInAnyOrder(Metrics.API_REQUESTS, Metrics.apiKey(this.key));
    }

    @Test
    void aFailedRecordingGivesTheQuotaBackAndFailsWith503() {
        FailingStore failing = new FailingStore();
        try (MeteringFixture broken = new MeteringFixture(PlanSettings.defaults(), failing)) {
            Organization organization = broken.organization();
            Admission admission = broken.metering.admit(organization.id(), Metrics.API_REQUESTS, 1, null,
                    RequestContext.NONE);

            assertThatExceptionOfType(ServiceUnavailableException.class)
                    .isThrownBy(() -> broken.metering.record(admission,
                            broken.metering.routeEvent(admission, null, null)))
                    .satisfies((ex) -> assertThat(ex.getCause()).hasMessage("database down"));

            assertThat(broken.metering.admit(organization.id(), Metrics.API_REQUESTS, 1, null, RequestContext.NONE)
                    .used()).as("the failed request's quota came back").isEqualTo(1);
        }
    }

    @Test
    void aTakenIdempotencyKeyGivesTheQuotaBack() {
        Admission first = admitRequest();
        this.fixture.metering.record(first, clientEvent("client-key"));
        Admission second = admitRequest();

        assertThat(this.fixture.metering.record(second, clientEvent("client-key"))).isFalse();
        assertThat(admitRequest().used()).isEqualTo(2);
    }

    @Test
    void cancelGivesTheQuotaBack() {
        this.fixture.metering.cancel(admitRequest());

        assertThat(admitRequest().used()).isEqualTo(1);
    }

    @Test
    void compensationRemovesTheEventAndGivesTheQuotaBack() {
        Admission admission = admitRequest();
        UsageEvent event = this.fixture.metering.routeEvent(admission, this.key, null);
        this.fixture.metering.record(admission, event);

        this.fixture.metering.compensate(admission, event.id());

        assertThat(this.fixture.events.sum(this.org.id(), Metrics.API_REQUESTS, period())).isZero();
        assertThat(this.fixture.events.daily(this.org.id(), null, LocalDate.parse("2026-03-01")))
                .allSatisfy((day) -> assertThat(day.quantity()).isZero());
        assertThat(admitRequest().used()).isEqualTo(1);
    }

    @Test
    void anUnreachableCounterFailsWith503() {
        MeteringService metering = meteringWith(new UnreachableCounter());

        assertThatExceptionOfType(ServiceUnavailableException.class).isThrownBy(() -> metering.admit(this.org.id(),
                Metrics.API_REQUESTS, 1, null, RequestContext.NONE));
    }

    @Test
    void anUnlimitedMetricIsAdmittedWhileTheCounterIsUnreachableAndNothingIsGivenBack() {
        UnreachableCounter down = new UnreachableCounter();
        MeteringService metering = meteringWith(down);

        Admission admission = metering.admit(this.org.id(), "files.stored", 3, null, RequestContext.NONE);
        metering.cancel(admission);

        assertThat(admission.limit()).isNull();
        assertThat(admission.counted()).isFalse();
        assertThat(down.releases).isZero();
    }

    @Test
    void theFirstRefusalIsAuditedOnceAcrossInstancesSharingTheGate() {
        this.fixture.counter.initialize(this.org.id(), Metrics.API_REQUESTS, period(), 5);
        MeteringService otherInstance = meteringWith(this.fixture.counter);

        assertThatExceptionOfType(UsageLimitExceededException.class).isThrownBy(this::admitRequest);
        assertThatExceptionOfType(UsageLimitExceededException.class).isThrownBy(() -> otherInstance.admit(
                this.org.id(), Metrics.API_REQUESTS, 1, this.key, RequestContext.NONE));

        assertThat(this.fixture.audit.entries(this.org.id())).extracting(AuditEntry::action)
                .containsExactly("usage.limit.reached");
    }

    private MeteringService meteringWith(QuotaCounter counter) {
        return new MeteringService(this.fixture.plans, counter, this.fixture.events, this.fixture.recorder,
                this.fixture.audit, this.fixture.transactions, this.fixture.gate, this.fixture.clock);
    }

    /** A counter whose store is down: every admission fails; releases are counted, not applied. */
    private static final class UnreachableCounter implements QuotaCounter {

        private int releases;

        @Override
        public QuotaDecision tryConsume(OrgId orgId, String metric, Period period, long quantity, long limit) {
            throw new IllegalStateException("connection refused");
        }

        @Override
        public void initialize(OrgId orgId, String metric, Period period, long used) {
            throw new IllegalStateException("connection refused");
        }

        @Override
        public void release(OrgId orgId, String metric, Period period, long quantity) {
            this.releases++;
        }
    }

    @Test
    void theLimitFollowsThePlanOverride() {
        this.fixture.plans.override(MeteringFixture.access(this.org, Role.OWNER), "tiny",
                1, RequestContext.NONE);

        admitRequest();

        assertThatExceptionOfType(UsageLimitExceededException.class).isThrownBy(this::admitRequest)
                .satisfies((ex) -> assertThat(ex.limit()).isEqualTo(1));
    }

    private Admission admitRequest() {
        return this.fixture.metering.admit(this.org.id(), Metrics.API_REQUESTS, 1, this.key, RequestContext.NONE);
    }

    private void record(Admission admission) {
        this.fixture.metering.record(admission, this.fixture.metering.routeEvent(admission, this.key, null));
    }

    private Period period() {
        return Period.calendarMonthOf(this.fixture.clock.instant());
    }

    private UsageEvent clientEvent(String idempotencyKey) {
        return new UsageEvent(Ids.next(this.fixture.clock), this.org.id(), Metrics.API_REQUESTS, 1,
                this.fixture.clock.instant(), this.fixture.clock.instant(), null, idempotencyKey, "ab".repeat(32), null,
                null);
    }

    private UsageEvent event(long quantity) {
        return new UsageEvent(Ids.next(this.fixture.clock), this.org.id(), Metrics.API_REQUESTS, quantity,
                this.fixture.clock.instant(), this.fixture.clock.instant(), null, "auto:" + UUID.randomUUID(), null,
                null, null);
    }

    /** An event store whose batches always fail. */
    private static final class FailingStore extends ForwardingUsageEventStore {

        FailingStore() {
            super(new InMemoryUsageEventStore());
        }

        @Override
        public Set<UUID> insertBatch(List<UsageEvent> events) {
            throw new IllegalStateException("database down");
        }
    }
}
