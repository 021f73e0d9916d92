package io.saaskit.core.ratelimit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import io.saaskit.core.ratelimit.port.RateLimiter;
import io.saaskit.core.shared.ServiceUnavailableException;
import io.saaskit.core.testing.MutableClock;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class ReconcilingRateLimiterTests {

    /** Long enough that the background thread never runs during a test: the tests call sync() themselves. */
    private static final Duration MANUAL = Duration.ofHours(1);

    private static final RateLimitRule RULE = new RateLimitRule("api_key", 10, Duration.ofSeconds(60));

    private static final String KEY = "api_key:k1:o1";

    private final MutableClock clock = new MutableClock();

    private final CountingRateLimiter shared = new CountingRateLimiter(new InProcessRateLimiter(this.clock));

    private final List<ReconcilingRateLimiter> created = new ArrayList<>();

    @AfterEach
    void close() {
        this.created.forEach(ReconcilingRateLimiter::close);
    }

    @Test
    void oneInstanceAdmitsExactlyTheLimitWhateverTheSyncs() {
        ReconcilingRateLimiter limiter = reconciling();

        int admitted = 0;
        for (int i = 0; i < 25; i++) {
            if (limiter.hit(RULE, KEY) instanceof RateLimitDecision.Allowed) {
                admitted++;
            }
            if (i % 3 == 0) {
                limiter.sync();
            }
        }

        assertThat(admitted).isEqualTo(10);
        limiter.sync();
        assertThat(this.shared.hit(RULE, KEY)).isInstanceOf(RateLimitDecision.Limited.class);
    }

    @Test
    void onlyTheFirstHitOfAWindowGoesToTheSharedStore() {
        ReconcilingRateLimiter limiter = reconciling();

        for (int i = 0; i < 8; i++) {
            limiter.hit(RULE, KEY);
        }

        assertThat(this.shared.calls.get()).isEqualTo(1);
        limiter.sync();
        assertThat(this.shared.calls.get()).isEqualTo(2);
        assertThat(this.shared.lastBatch).isEqualTo(7);
    }

    @Test
    void localDecisionsReportRemainingAndResetTime() {
        ReconcilingRateLimiter limiter = reconciling();
        limiter.hit(RULE, KEY);
        this.clock.advance(Duration.ofSeconds(20));

        RateLimitDecision second = limiter.hit(RULE, KEY);

        assertThat(second).isEqualTo(new RateLimitDecision.Allowed(RULE, 8, Duration.ofSeconds(40)));
    }

    @Test
    void syncPushesUnsyncedHitsToTheSharedStore() {
        ReconcilingRateLimiter limiter = reconciling();
        for (int i = 0; i < 4; i++) {
            limiter.hit(RULE, KEY);
        }

        limiter.sync();

        RateLimitDecision direct = this.shared.hit(RULE, KEY);
        assertThat(direct).isEqualTo(new RateLimitDecision.Allowed(RULE, 5, Duration.ofSeconds(60)));
    }

    @Test
    void twoInstancesOvershootAtMostWhatTheOtherAdmittedBetweenSyncs() {
        ReconcilingRateLimiter first = reconciling();
        ReconcilingRateLimiter second = reconciling();
        first.hit(RULE, KEY);
        second.hit(RULE, KEY);
        first.sync();
        second.sync();

        int admittedFirst = 0;
        int admittedSecond = 0;
        for (int i = 0; i < 20; i++) {
            admittedFirst += (first.hit(RULE, KEY) instanceof RateLimitDecision.Allowed) ? 1 : 0;
            admittedSecond += (second.hit(RULE, KEY) instanceof RateLimitDecision.Allowed) ? 1 : 0;
        }
        int betweenSyncs = admittedFirst + admittedSecond;
        first.sync();
        second.sync();
        int afterSync = 0;
        for (int i = 0; i < 5; i++) {
            afterSync += (first.hit(RULE, KEY) instanceof RateLimitDecision.Allowed) ? 1 : 0;
            afterSync += (second.hit(RULE, KEY) instanceof RateLimitDecision.Allowed) ? 1 : 0;
        }

        // the first last saw 1 counted hit and admits 8 locally; its 9th would take the last unit, so it goes to the
        // shared store, which by then holds the second's hits and refuses it. The second saw 2, admits 7 locally and
        // its 8th is admitted by the shared store (which had not seen the first's hits yet): 18 in all, 8 over the
        // limit, within what the second admitted after the first's last look at the shared count (1 + 8)
        assertThat(admittedFirst).isEqualTo(8);
        assertThat(admittedSecond).isEqualTo(8);
        long overshoot = 2 + betweenSyncs - RULE.limit();
        assertThat(overshoot).isPositive().isLessThanOrEqualTo(1 + admittedSecond);
        assertThat(afterSync).isZero();
    }

    @Test
    void theLastUnitOfAWindowIsDecidedByTheSharedStoreSoAlternatingInstancesStopAtTheLimit() {
        // spec scenario 62: limit 2, one call on A, one on B, then a third on either is refused, with no sync
        RateLimitRule two = new RateLimitRule("api_key", 2, Duration.ofSeconds(60));
        ReconcilingRateLimiter a = reconciling();
        ReconcilingRateLimiter b = reconciling();

        assertThat(a.hit(two, KEY)).isInstanceOf(RateLimitDecision.Allowed.class);
        assertThat(b.hit(two, KEY)).isInstanceOf(RateLimitDecision.Allowed.class);
        assertThat(a.hit(two, KEY)).isInstanceOf(RateLimitDecision.Limited.class);
        assertThat(b.hit(two, KEY)).isInstanceOf(RateLimitDecision.Limited.class);
    }

    @Test
    void hitsAdmittedLocallyTravelWithTheLastUnitSoNoneIsLost() {
        ReconcilingRateLimiter only = reconciling();
        for (int i = 0; i < 9; i++) {
            assertThat(only.hit(RULE, KEY)).isInstanceOf(RateLimitDecision.Allowed.class);
        }

        assertThat(only.hit(RULE, KEY)).isInstanceOf(RateLimitDecision.Allowed.class);
        assertThat(this.shared.hit(RULE, KEY)).as("all 10 hits reached the shared store")
                .isInstanceOf(RateLimitDecision.Limited.class);
    }

    @Test
    void anInstanceSeesTheOtherInstancesHitsAfterASync() {
        ReconcilingRateLimiter first = reconciling();
        ReconcilingRateLimiter second = reconciling();
        first.hit(RULE, KEY);
        second.hit(RULE, KEY);
        for (int i = 0; i < 6; i++) {
            second.hit(RULE, KEY);
        }
        second.sync();
        first.hit(RULE, KEY);
        first.sync();

        int admitted = 0;
        for (int i = 0; i < 10; i++) {
            admitted += (first.hit(RULE, KEY) instanceof RateLimitDecision.Allowed) ? 1 : 0;
        }

        assertThat(admitted).isEqualTo(1);
    }

    @Test
    void aNewWindowStartsWithASharedRoundTripAndTheFullLimit() {
        ReconcilingRateLimiter limiter = reconciling();
        for (int i = 0; i < 12; i++) {
            limiter.hit(RULE, KEY);
        }
        int callsBefore = this.shared.calls.get();
        this.clock.advance(RULE.window());

        RateLimitDecision first = limiter.hit(RULE, KEY);
        int admitted = 1;
        for (int i = 0; i < 12; i++) {
            admitted += (limiter.hit(RULE, KEY) instanceof RateLimitDecision.Allowed) ? 1 : 0;
        }

        // one round trip opens the window, one decides its last unit
        assertThat(this.shared.calls.get()).isEqualTo(callsBefore + 2);
        assertThat(first).isEqualTo(new RateLimitDecision.Allowed(RULE, 9, Duration.ofSeconds(60)));
        assertThat(admitted).isEqualTo(10);
    }

    @Test
    void hitsOfAnEndedWindowAreNotCarriedIntoTheNext() {
        ReconcilingRateLimiter limiter = reconciling();
        for (int i = 0; i < 5; i++) {
            limiter.hit(RULE, KEY);
        }
        this.clock.advance(RULE.window());

        limiter.sync();
        limiter.hit(RULE, KEY);
        limiter.sync();

        assertThat(((RateLimitDecision.Allowed) this.shared.hit(RULE, KEY)).remaining()).isEqualTo(8);
    }

    @Test
    void anIdleBucketIsDroppedAndItsNextHitGoesToTheSharedStore() {
        ReconcilingRateLimiter limiter = reconciling();
        limiter.hit(RULE, KEY);
        limiter.sync();
        limiter.sync();
        int callsBefore = this.shared.calls.get();

        RateLimitDecision decision = limiter.hit(RULE, KEY);

        assertThat(this.shared.calls.get()).isEqualTo(callsBefore + 1);
        assertThat(decision).isEqualTo(new RateLimitDecision.Allowed(RULE, 8, Duration.ofSeconds(60)));
    }

    @Test
    void aFailedSyncMakesTheNextHitFailLikeTheSharedLimiter() {
        ReconcilingRateLimiter limiter = reconciling();
        limiter.hit(RULE, KEY);
        limiter.hit(RULE, KEY);
        this.shared.failing = true;

        limiter.sync();

        assertThatExceptionOfType(ServiceUnavailableException.class).isThrownBy(() -> limiter.hit(RULE, KEY));
    }

    @Test
    void closeStopsTheSyncThreadAfterALastSync() {
        ReconcilingRateLimiter limiter = new ReconcilingRateLimiter(this.shared, this.clock, MANUAL);
        limiter.hit(RULE, KEY);
        limiter.hit(RULE, KEY);

        limiter.close();

        assertThat(((RateLimitDecision.Allowed) this.shared.hit(RULE, KEY)).remaining()).isEqualTo(7);
    }

    @Test
    void theSyncThreadPushesWithinTheInterval() throws InterruptedException {
        ReconcilingRateLimiter limiter = new ReconcilingRateLimiter(this.shared, this.clock, Duration.ofMillis(20));
        this.created.add(limiter);
        limiter.hit(RULE, KEY);
        limiter.hit(RULE, KEY);
        limiter.hit(RULE, KEY);

        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (this.shared.calls.get() < 2 && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }

        assertThat(this.shared.calls.get()).isGreaterThanOrEqualTo(2);
    }

    @Test
    void hitsMadeWhileTheFirstAnswerOfAWindowIsOutstandingNeverTakeTheLimitPastTheShared() throws Exception {
        int late = 3;
        CountDownLatch lateCounted = new CountDownLatch(late);
        CountDownLatch release = new CountDownLatch(1);
        InProcessRateLimiter store = new InProcessRateLimiter(this.clock);
        AtomicBoolean first = new AtomicBoolean(true);
        ExecutorService others = Executors.newFixedThreadPool(late, (task) -> new Thread(task, "late-hit"));
        List<Future<RateLimitDecision>> lateHits = new ArrayList<>();
        ReconcilingRateLimiter[] limiter = new ReconcilingRateLimiter[1];
        // While the first hit of the window is with the store, three more hits arrive on other threads. If they reach
        // the store before the first answer is back (and wait there for theirs), the count the first answer carries
        // misses them: no hit may then be admitted locally on that count.
        RateLimiter slowAnswers = sharedLimiter((rule, bucketKey, hits) -> {
            RateLimitDecision decision = store.hit(rule, bucketKey, hits);
            if (Thread.currentThread().getName().equals("late-hit")) {
                lateCounted.countDown();
                awaitQuietly(release);
            }
            else if (first.getAndSet(false)) {
                for (int i = 0; i < late; i++) {
                    lateHits.add(others.submit(() -> limiter[0].hit(RULE, KEY)));
                }
                awaitQuietly(lateCounted, Duration.ofMillis(300));
            }
            return decision;
        });
        limiter[0] = new ReconcilingRateLimiter(slowAnswers, this.clock, MANUAL);
        this.created.add(limiter[0]);
        try {
            int admitted = 0;
            for (int i = 0; i < 20; i++) {
                if (limiter[0].hit(RULE, KEY) instanceof RateLimitDecision.Allowed) {
                    admitted++;
                }
            }
            release.countDown();
            for (Future<RateLimitDecision> hit : lateHits) {
                if (hit.get(10, TimeUnit.SECONDS) instanceof RateLimitDecision.Allowed) {
                    admitted++;
                }
            }

            assertThat(admitted).isEqualTo(10);
        }
        finally {
            release.countDown();
            others.shutdownNow();
        }
    }

    @Test
    void aBucketWithALastUnitPushOnItsWayIsNotDroppedAsIdle() throws Exception {
        RateLimitRule five = new RateLimitRule("api_key", 5, Duration.ofSeconds(60));
        InProcessRateLimiter store = new InProcessRateLimiter(this.clock);
        CountDownLatch pushing = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        // The push that carries the last unit (with the hits admitted locally) stalls on its way to the store.
        RateLimiter stallingLastUnit = sharedLimiter((rule, bucketKey, hits) -> {
            if (Thread.currentThread().getName().equals("last-unit")) {
                pushing.countDown();
                awaitQuietly(release);
            }
            return store.hit(rule, bucketKey, hits);
        });
        ReconcilingRateLimiter limiter = new ReconcilingRateLimiter(stallingLastUnit, this.clock, MANUAL);
        this.created.add(limiter);
        ExecutorService lastUnit = Executors.newSingleThreadExecutor((task) -> new Thread(task, "last-unit"));
        try {
            int admitted = 0;
            for (int i = 0; i < 4; i++) {
                admitted += (limiter.hit(five, KEY) instanceof RateLimitDecision.Allowed) ? 1 : 0;
            }
            Future<RateLimitDecision> last = lastUnit.submit(() -> limiter.hit(five, KEY));
            assertThat(pushing.await(10, TimeUnit.SECONDS)).isTrue();
            limiter.sync();
            limiter.sync();
            for (int i = 0; i < 5; i++) {
                admitted += (limiter.hit(five, KEY) instanceof RateLimitDecision.Allowed) ? 1 : 0;
            }
            release.countDown();
            admitted += (last.get(10, TimeUnit.SECONDS) instanceof RateLimitDecision.Allowed) ? 1 : 0;

            assertThat(admitted).isEqualTo(5);
        }
        finally {
            release.countDown();
            lastUnit.shutdownNow();
        }
    }

    /** A shared limiter made of its multi-hit method alone (a single hit is one of them). */
    private static RateLimiter sharedLimiter(MultiHit multiHit) {
        return new RateLimiter() {
            @Override
            public RateLimitDecision hit(RateLimitRule rule, String bucketKey) {
                return multiHit.hit(rule, bucketKey, 1);
            }

            @Override
            public RateLimitDecision hit(RateLimitRule rule, String bucketKey, long hits) {
                return multiHit.hit(rule, bucketKey, hits);
            }
        };
    }

    /** {@link RateLimiter#hit(RateLimitRule, String, long)} as a lambda. */
    @FunctionalInterface
    private interface MultiHit {

        RateLimitDecision hit(RateLimitRule rule, String bucketKey, long hits);
    }

    private static void awaitQuietly(CountDownLatch latch) {
        awaitQuietly(latch, Duration.ofSeconds(10));
    }

    private static void awaitQuietly(CountDownLatch latch, Duration timeout) {
        try {
            latch.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }

    private ReconcilingRateLimiter reconciling() {
        ReconcilingRateLimiter limiter = new ReconcilingRateLimiter(this.shared, this.clock, MANUAL);
        this.created.add(limiter);
        return limiter;
    }

    /** Counts calls to the shared limiter and can simulate an outage of a fail-closed store. */
    private static final class CountingRateLimiter implements RateLimiter {

        private final RateLimiter delegate;

        private final AtomicInteger calls = new AtomicInteger();

        private volatile long lastBatch;

        private volatile boolean failing;

        CountingRateLimiter(RateLimiter delegate) {
            this.delegate = delegate;
        }

        @Override
        public RateLimitDecision hit(RateLimitRule rule, String bucketKey) {
            return hit(rule, bucketKey, 1);
        }

        @Override
        public RateLimitDecision hit(RateLimitRule rule, String bucketKey, long hits) {
            if (this.failing) {
                throw new ServiceUnavailableException(new IllegalStateException("store down"));
            }
            this.calls.incrementAndGet();
            this.lastBatch = hits;
            return this.delegate.hit(rule, bucketKey, hits);
        }
    }
}
