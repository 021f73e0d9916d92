package io.saaskit.core.metering;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.saaskit.core.memory.InMemoryQuotaCounter;
import io.saaskit.core.metering.port.QuotaCounter;
import io.saaskit.core.metering.port.QuotaCounterContractTests;
import io.saaskit.core.tenancy.OrgId;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LeasingQuotaCounterTests extends QuotaCounterContractTests {

    private final CountingCounter shared = new CountingCounter(new InMemoryQuotaCounter());

    private final LeasingQuotaCounter counter = new LeasingQuotaCounter(this.shared, LeaseSettings.defaults(),
            this.clock);

    @AfterEach
    void close() {
        this.counter.close();
    }

    @Override
    protected QuotaCounter counter() {
        return this.counter;
    }

    @Test
    void aLargeLimitTouchesTheSharedCounterOncePerBlock() {
        OrgId org = createOrg();
        Period period = currentPeriod();
        this.counter.initialize(org, METRIC, period, 0);

        for (int i = 0; i < 1000; i++) {
            assertThat(this.counter.tryConsume(org, METRIC, period, 1, 1_000_000))
                    .isInstanceOf(QuotaDecision.Admitted.class);
        }

        assertThat(this.shared.consumeCalls.get()).isLessThanOrEqualTo(12);
    }

    @Test
    void twoInstancesSharingOneCounterNeverPassTheLimitAndOneReachesItExactly() throws Exception {
        OrgId org = createOrg();
        Period period = currentPeriod();
        LeasingQuotaCounter other = new LeasingQuotaCounter(this.shared, LeaseSettings.defaults(), this.clock);
        this.counter.initialize(org, METRIC, period, 0);
        ExecutorService executor = Executors.newFixedThreadPool(16);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<Integer>> admitted = new ArrayList<>();
            for (int t = 0; t < 16; t++) {
                QuotaCounter instance = (t % 2 == 0) ? this.counter : other;
                admitted.add(executor.submit(() -> {
                    start.await();
                    int count = 0;
                    for (int i = 0; i < 200; i++) {
                        if (instance.tryConsume(org, METRIC, period, 1, 1000) instanceof QuotaDecision.Admitted) {
                            count++;
                        }
                    }
                    return count;
                }));
            }
            start.countDown();
            int total = 0;
            for (Future<Integer> future : admitted) {
                total += future.get(30, TimeUnit.SECONDS);
            }

            assertThat(total).as("admitted across both instances").isLessThanOrEqualTo(1000);
            other.close();
            this.counter.close();
            int after = 0;
            while (this.shared.tryConsume(org, METRIC, period, 1, 1000) instanceof QuotaDecision.Admitted) {
                after++;
            }
            assertThat(total + after).as("with the unused leases given back, the limit is reached exactly")
                    .isEqualTo(1000);
        }
        finally {
            executor.shutdownNow();
            other.close();
        }
    }

    @Test
    void theNextBlockIsTakenBeforeTheLeaseRunsOutWithoutHoldingUpTheRequestsItCanServe() throws Exception {
        OrgId org = createOrg();
        Period period = currentPeriod();
        CountingCounter stalling = new CountingCounter(new InMemoryQuotaCounter());
        ExecutorService executor = Executors.newSingleThreadExecutor();
        try (LeasingQuotaCounter leasing = new LeasingQuotaCounter(stalling, LeaseSettings.defaults(), this.clock)) {
            leasing.initialize(org, METRIC, period, 0);
            for (int i = 0; i < 51; i++) {
                leasing.tryConsume(org, METRIC, period, 1, 1_000_000);
            }
            assertThat(stalling.consumeCalls.get()).as("a first unit, then a block of 100, 50 of it left").isEqualTo(2);
            stalling.stall();

            Future<QuotaDecision> refilling = executor.submit(
                    () -> leasing.tryConsume(org, METRIC, period, 1, 1_000_000));
            assertThat(stalling.stalled.await(10, TimeUnit.SECONDS))
                    .as("with less than half a block left, a request takes the next block").isTrue();
            assertThat(leasing.tryConsume(org, METRIC, period, 1, 1_000_000))
                    .as("served from the lease while the next block is on its way")
                    .isEqualTo(new QuotaDecision.Admitted(53));
            assertThat(refilling.isDone()).as("the refilling request waits for the shared counter").isFalse();

            stalling.resume();
            assertThat(refilling.get(10, TimeUnit.SECONDS)).isInstanceOf(QuotaDecision.Admitted.class);
            assertThat(stalling.tryConsume(org, METRIC, period, 1, 1_000_000))
                    .as("one more block of 100 was taken").isEqualTo(new QuotaDecision.Admitted(202));
        }
        finally {
            executor.shutdownNow();
        }
    }

    @Test
    void unusedLeasesGoBackToTheSharedCounterWhenIdle() throws Exception {
        OrgId org = createOrg();
        Period period = currentPeriod();
        this.counter.initialize(org, METRIC, period, 0);
        this.counter.tryConsume(org, METRIC, period, 1, 1_000_000);
        this.counter.tryConsume(org, METRIC, period, 1, 1_000_000);
        assertThat(this.shared.tryConsume(org, METRIC, period, 1, 1_000_000))
                .as("the shared count includes the lease").isEqualTo(new QuotaDecision.Admitted(102));

        this.clock.advance(Duration.ofSeconds(3));
        Thread.sleep(1200);

        assertThat(this.shared.tryConsume(org, METRIC, period, 1, 1_000_000))
                .as("the idle lease was given back").isEqualTo(new QuotaDecision.Admitted(4));
    }

    @Test
    void closeGivesBackUnusedLeases() {
        OrgId org = createOrg();
        Period period = currentPeriod();
        this.counter.initialize(org, METRIC, period, 0);
        this.counter.tryConsume(org, METRIC, period, 1, 1_000_000);
        this.counter.tryConsume(org, METRIC, period, 1, 1_000_000);

        this.counter.close();

        assertThat(this.shared.tryConsume(org, METRIC, period, 1, 1_000_000))
                .isEqualTo(new QuotaDecision.Admitted(3));
    }

    /** Counts the calls that reach the shared counter, and can hold them until told to go on. */
    private static final class CountingCounter implements QuotaCounter {

        private final QuotaCounter delegate;

        private final AtomicInteger consumeCalls = new AtomicInteger();

        private final CountDownLatch stalled = new CountDownLatch(1);

        private final CountDownLatch resumed = new CountDownLatch(1);

        private volatile boolean stalling;

        CountingCounter(QuotaCounter delegate) {
            this.delegate = delegate;
        }

        /** Holds every later call until {@link #resume()}. */
        void stall() {
            this.stalling = true;
        }

        void resume() {
            this.resumed.countDown();
        }

        @Override
        public QuotaDecision tryConsume(OrgId orgId, String metric, Period period, long quantity, long limit) {
            this.consumeCalls.incrementAndGet();
            if (this.stalling) {
                this.stalled.countDown();
                try {
                    this.resumed.await(10, TimeUnit.SECONDS);
                }
                catch (InterruptedException ex) {
                    Thread.currentThread().interrupt();
                }
            }
            return this.delegate.tryConsume(orgId, metric, period, quantity, limit);
        }

        @Override
        public void initialize(OrgId orgId, String metric, Period period, long used) {
            this.delegate.initialize(orgId, metric, period, used);
        }

        @Override
        public void release(OrgId orgId, String metric, Period period, long quantity) {
            this.delegate.release(orgId, metric, period, quantity);
        }
    }
}
