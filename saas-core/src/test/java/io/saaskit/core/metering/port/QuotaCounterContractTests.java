package io.saaskit.core.metering.port;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;

import io.saaskit.core.metering.Period;
import io.saaskit.core.metering.QuotaDecision;
import io.saaskit.core.tenancy.OrgId;
import io.saaskit.core.testing.MutableClock;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The behaviour every {@link QuotaCounter} must show: nothing is admitted before the counter of a period is
 * initialised, the limit is reached exactly and never passed, a refusal counts nothing, the first initialisation
 * wins, released quantity comes back (never below zero), organizations, metrics and periods are independent, and
 * racing threads never push the count past the limit.
 *
 * <p>Extend it once per implementation and return the counter under test from {@link #counter()}. Periods are taken
 * from {@link #clock}, which an implementation may also use (for example to expire a shared counter after its
 * period). Stores that need the organization to exist (a foreign key) override {@link #createOrg()}. Every test uses
 * fresh organizations, so implementations may share one store without cleaning up.
 */
public abstract class QuotaCounterContractTests {

    /** The metric most tests count. */
    protected static final String METRIC = "api_requests";

    /** The clock the periods under test come from; implementations may take time from it too. */
    protected final MutableClock clock = new MutableClock();

    /**
     * The counter under test. May be called many times per test; every call must see the same store.
     * @return the counter
     */
    protected abstract QuotaCounter counter();

    /**
     * A new organization no other test uses. The default is a random id; override it to store the organization
     * first when the counter's store requires it.
     * @return the organization's id
     */
    protected OrgId createOrg() {
        return new OrgId(UUID.randomUUID());
    }

    /**
     * The calendar month of {@link #clock}, the period most tests count in.
     * @return the period
     */
    protected Period currentPeriod() {
        return Period.calendarMonthOf(this.clock.instant());
    }

    @Test
    void aCounterThatWasNeverInitialisedAdmitsNothing() {
        OrgId org = createOrg();

        QuotaDecision decision = counter().tryConsume(org, METRIC, currentPeriod(), 1, 10);

        assertThat(decision).isEqualTo(new QuotaDecision.Uninitialized());
    }

    @Test
    void anInitialisedCounterAdmitsExactlyUpToTheLimit() {
        OrgId org = createOrg();
        Period period = currentPeriod();
        counter().initialize(org, METRIC, period, 0);
        List<QuotaDecision> decisions = new ArrayList<>();

        for (int i = 0; i < 6; i++) {
            decisions.add(counter().tryConsume(org, METRIC, period, 1, 5));
        }

        assertThat(decisions).containsExactly(new QuotaDecision.Admitted(1), new QuotaDecision.Admitted(2),
                new QuotaDecision.Admitted(3), new QuotaDecision.Admitted(4), new QuotaDecision.Admitted(5),
                new QuotaDecision.Refused(5));
    }

    @Test
    void initialisationStartsFromTheUsageAlreadyRecorded() {
        OrgId org = createOrg();
        Period period = currentPeriod();
        counter().initialize(org, METRIC, period, 7);

        assertThat(counter().tryConsume(org, METRIC, period, 2, 10)).isEqualTo(new QuotaDecision.Admitted(9));
        assertThat(counter().tryConsume(org, METRIC, period, 2, 10)).isEqualTo(new QuotaDecision.Refused(9));
    }

    @Test
    void aQuantityAboveOneCountsInFull() {
        OrgId org = createOrg();
        Period period = currentPeriod();
        counter().initialize(org, METRIC, period, 0);

        assertThat(counter().tryConsume(org, METRIC, period, 40, 100)).isEqualTo(new QuotaDecision.Admitted(40));
        assertThat(counter().tryConsume(org, METRIC, period, 60, 100)).isEqualTo(new QuotaDecision.Admitted(100));
    }

    @Test
    void aRefusedQuantityLeavesTheUsageUnchanged() {
        OrgId org = createOrg();
        Period period = currentPeriod();
        counter().initialize(org, METRIC, period, 8);

        QuotaDecision refused = counter().tryConsume(org, METRIC, period, 3, 10);
        QuotaDecision admitted = counter().tryConsume(org, METRIC, period, 2, 10);

        assertThat(refused).isEqualTo(new QuotaDecision.Refused(8));
        assertThat(admitted).isEqualTo(new QuotaDecision.Admitted(10));
    }

    @Test
    void aLimitBelowTheUsageRefusesWithoutChangingTheUsage() {
        OrgId org = createOrg();
        Period period = currentPeriod();
        counter().initialize(org, METRIC, period, 50);

        assertThat(counter().tryConsume(org, METRIC, period, 1, 20)).isEqualTo(new QuotaDecision.Refused(50));
        assertThat(counter().tryConsume(org, METRIC, period, 1, 100)).isEqualTo(new QuotaDecision.Admitted(51));
    }

    @Test
    void initialisingTwiceKeepsTheFirstValue() {
        OrgId org = createOrg();
        Period period = currentPeriod();
        counter().initialize(org, METRIC, period, 3);
        counter().tryConsume(org, METRIC, period, 1, 100);

        counter().initialize(org, METRIC, period, 90);

        assertThat(counter().tryConsume(org, METRIC, period, 1, 100)).isEqualTo(new QuotaDecision.Admitted(5));
    }

    @Test
    void releasedQuantityCanBeConsumedAgain() {
        OrgId org = createOrg();
        Period period = currentPeriod();
        counter().initialize(org, METRIC, period, 0);
        counter().tryConsume(org, METRIC, period, 3, 3);

        counter().release(org, METRIC, period, 2);

        assertThat(counter().tryConsume(org, METRIC, period, 2, 3)).isEqualTo(new QuotaDecision.Admitted(3));
        assertThat(counter().tryConsume(org, METRIC, period, 1, 3)).isEqualTo(new QuotaDecision.Refused(3));
    }

    @Test
    void releaseNeverTakesTheUsageBelowZero() {
        OrgId org = createOrg();
        Period period = currentPeriod();
        counter().initialize(org, METRIC, period, 1);

        counter().release(org, METRIC, period, 5);

        assertThat(counter().tryConsume(org, METRIC, period, 1, 10)).isEqualTo(new QuotaDecision.Admitted(1));
    }

    @Test
    void releaseOnACounterThatWasNeverInitialisedDoesNotCreateIt() {
        OrgId org = createOrg();
        Period period = currentPeriod();

        counter().release(org, METRIC, period, 1);

        assertThat(counter().tryConsume(org, METRIC, period, 1, 10)).isEqualTo(new QuotaDecision.Uninitialized());
    }

    @Test
    void periodsAreIndependent() {
        OrgId org = createOrg();
        Period current = currentPeriod();
        Period next = Period.calendarMonthOf(current.end());
        counter().initialize(org, METRIC, current, 4);

        QuotaDecision inNext = counter().tryConsume(org, METRIC, next, 1, 10);
        counter().initialize(org, METRIC, next, 0);

        assertThat(inNext).isEqualTo(new QuotaDecision.Uninitialized());
        assertThat(counter().tryConsume(org, METRIC, next, 1, 10)).isEqualTo(new QuotaDecision.Admitted(1));
        assertThat(counter().tryConsume(org, METRIC, current, 1, 10)).isEqualTo(new QuotaDecision.Admitted(5));
    }

    @Test
    void organizationsAreIndependent() {
        OrgId exhausted = createOrg();
        OrgId other = createOrg();
        Period period = currentPeriod();
        counter().initialize(exhausted, METRIC, period, 10);
        counter().initialize(other, METRIC, period, 0);

        assertThat(counter().tryConsume(exhausted, METRIC, period, 1, 10)).isEqualTo(new QuotaDecision.Refused(10));
        assertThat(counter().tryConsume(other, METRIC, period, 1, 10)).isEqualTo(new QuotaDecision.Admitted(1));
        counter().release(other, METRIC, period, 1);
        assertThat(counter().tryConsume(exhausted, METRIC, period, 1, 10)).isEqualTo(new QuotaDecision.Refused(10));
    }

    @Test
    void metricsAreIndependent() {
        OrgId org = createOrg();
        Period period = currentPeriod();
        counter().initialize(org, METRIC, period, 10);

        QuotaDecision otherMetric = counter().tryConsume(org, "emails.sent", period, 1, 10);
        counter().initialize(org, "emails.sent", period, 0);

        assertThat(otherMetric).isEqualTo(new QuotaDecision.Uninitialized());
        assertThat(counter().tryConsume(org, "emails.sent", period, 1, 10)).isEqualTo(new QuotaDecision.Admitted(1));
        assertThat(counter().tryConsume(org, METRIC, period, 1, 10)).isEqualTo(new QuotaDecision.Refused(10));
    }

    @Test
    void racingThreadsAreAdmittedExactlyUpToTheLimit() throws Exception {
        int threads = 16;
        int attemptsPerThread = 50;
        long limit = 300;
        OrgId org = createOrg();
        Period period = currentPeriod();
        counter().initialize(org, METRIC, period, 0);
        ExecutorService executor = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<List<Long>>> admittedPerThread = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                admittedPerThread.add(executor.submit(() -> {
                    start.await();
                    List<Long> usedWhenAdmitted = new ArrayList<>();
                    for (int i = 0; i < attemptsPerThread; i++) {
                        if (counter().tryConsume(org, METRIC, period, 1, limit)
                                instanceof QuotaDecision.Admitted admitted) {
                            usedWhenAdmitted.add(admitted.used());
                        }
                    }
                    return usedWhenAdmitted;
                }));
            }
            start.countDown();
            List<Long> admitted = new ArrayList<>();
            for (Future<List<Long>> perThread : admittedPerThread) {
                admitted.addAll(perThread.get(60, TimeUnit.SECONDS));
            }

            assertThat(admitted).as("each admission saw its own count").hasSize((int) limit)
                    .containsExactlyInAnyOrderElementsOf(LongStream.rangeClosed(1, limit).boxed().toList());
            assertThat(counter().tryConsume(org, METRIC, period, 1, limit))
                    .isEqualTo(new QuotaDecision.Refused(limit));
        }
        finally {
            executor.shutdownNow();
        }
    }

    @Test
    void threadsRacingToInitialiseANewCounterAreNeverRefusedBelowTheLimit() throws Exception {
        // Every thread meets a new counter uninitialised, initialises it and asks again, as admission does; a
        // counter created by another thread in between must never look like a refusal.
        int threads = 8;
        int rounds = 25;
        Period period = currentPeriod();
        ExecutorService executor = Executors.newFixedThreadPool(threads);
        try {
            List<QuotaDecision> decisions = new ArrayList<>();
            for (int round = 0; round < rounds; round++) {
                OrgId org = createOrg();
                CountDownLatch start = new CountDownLatch(1);
                List<Future<QuotaDecision>> racing = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    racing.add(executor.submit(() -> {
                        start.await();
                        QuotaDecision decision = counter().tryConsume(org, METRIC, period, 1, 1_000);
                        while (decision instanceof QuotaDecision.Uninitialized) {
                            counter().initialize(org, METRIC, period, 0);
                            decision = counter().tryConsume(org, METRIC, period, 1, 1_000);
                        }
                        return decision;
                    }));
                }
                start.countDown();
                for (Future<QuotaDecision> decision : racing) {
                    decisions.add(decision.get(60, TimeUnit.SECONDS));
                }
            }

            assertThat(decisions).hasSize(threads * rounds)
                    .allSatisfy((d) -> assertThat(d).isInstanceOf(QuotaDecision.Admitted.class));
        }
        finally {
            executor.shutdownNow();
        }
    }
}
