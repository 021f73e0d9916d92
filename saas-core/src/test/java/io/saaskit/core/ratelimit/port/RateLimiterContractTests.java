package io.saaskit.core.ratelimit.port;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.saaskit.core.ratelimit.RateLimitDecision;
import io.saaskit.core.ratelimit.RateLimitKey;
import io.saaskit.core.ratelimit.RateLimitRule;
import io.saaskit.core.testing.MutableClock;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The behaviour every {@link RateLimiter} must show: a fixed window that opens at the first counted hit, the
 * (limit + 1)-th hit refused, a fresh window once it has passed, independent buckets, exact remaining counts and
 * reset times, and no over-admission under concurrency.
 *
 * <p>Extend it once per implementation and build the limiter in {@link #createRateLimiter(Clock)} on the
 * given clock, which the tests move. An implementation that keeps time elsewhere (for example a store's own
 * expiry) overrides {@link #elapse(Duration)} and, if needed, {@link #window()} and {@link #resetTolerance()}.
 * Every test uses fresh bucket keys, so implementations may share one store without cleaning up.
 */
public abstract class RateLimiterContractTests {

    /** The clock handed to the limiter; tests move it with {@link #elapse(Duration)}. */
    protected final MutableClock clock = new MutableClock();

    private RateLimiter limiter;

    /**
     * Builds the limiter under test; called once before each test.
     * @param clock the clock the limiter must take time from
     * @return the limiter
     */
    protected abstract RateLimiter createRateLimiter(Clock clock);

    /**
     * Lets time pass for the limiter. The default moves {@link #clock}.
     * @param duration how much time passes
     */
    protected void elapse(Duration duration) {
        this.clock.advance(duration);
    }

    /**
     * The window of the rules under test. The default is one minute.
     * @return the window
     */
    protected Duration window() {
        return Duration.ofSeconds(60);
    }

    /**
     * How far a reported reset time may fall short of the exact one, for stores that round. The default is
     * one second.
     * @return the tolerance
     */
    protected Duration resetTolerance() {
        return Duration.ofSeconds(1);
    }

    @BeforeEach
    void createLimiter() {
        this.limiter = createRateLimiter(this.clock);
    }

    /**
     * The limiter built for the current test.
     * @return the limiter
     */
    protected RateLimiter limiter() {
        return this.limiter;
    }

    @Test
    void hitsUpToTheLimitAreAllowed() {
        RateLimitRule rule = rule(3);
        String key = uniqueKey();

        for (int i = 0; i < 3; i++) {
            assertThat(this.limiter.hit(rule, key)).isInstanceOf(RateLimitDecision.Allowed.class);
        }
    }

    @Test
    void hitAfterTheLimitIsRefused() {
        RateLimitRule rule = rule(3);
        String key = uniqueKey();
        hitTimes(rule, key, 3);

        RateLimitDecision decision = this.limiter.hit(rule, key);

        assertThat(decision).isInstanceOf(RateLimitDecision.Limited.class);
        assertThat(decision.rule()).isEqualTo(rule);
    }

    @Test
    void refusedHitsStayRefusedUntilTheWindowCloses() {
        RateLimitRule rule = rule(2);
        String key = uniqueKey();
        hitTimes(rule, key, 2);

        for (int i = 0; i < 5; i++) {
            assertThat(this.limiter.hit(rule, key)).isInstanceOf(RateLimitDecision.Limited.class);
        }
    }

    @Test
    void remainingCountsDownToZero() {
        RateLimitRule rule = rule(4);
        String key = uniqueKey();
        List<Long> remaining = new ArrayList<>();

        for (int i = 0; i < 4; i++) {
            RateLimitDecision decision = this.limiter.hit(rule, key);
            assertThat(decision).isInstanceOf(RateLimitDecision.Allowed.class);
            remaining.add(((RateLimitDecision.Allowed) decision).remaining());
        }

        assertThat(remaining).containsExactly(3L, 2L, 1L, 0L);
    }

    @Test
    void firstHitReportsAFullWindowUntilReset() {
        RateLimitDecision decision = this.limiter.hit(rule(5), uniqueKey());

        assertResetAfter(decision, window());
    }

    @Test
    void resetTimeCountsDownFromTheFirstHit() {
        RateLimitRule rule = rule(2);
        String key = uniqueKey();
        this.limiter.hit(rule, key);
        elapse(Duration.ofSeconds(10));

        RateLimitDecision second = this.limiter.hit(rule, key);
        elapse(Duration.ofSeconds(15));
        RateLimitDecision refused = this.limiter.hit(rule, key);

        assertResetAfter(second, window().minusSeconds(10));
        assertThat(refused).isInstanceOf(RateLimitDecision.Limited.class);
        assertResetAfter(refused, window().minusSeconds(25));
    }

    @Test
    void windowOpensAtTheFirstHitNotAtAClockBoundary() {
        RateLimitRule rule = rule(1);
        String key = uniqueKey();
        elapse(Duration.ofSeconds(37));
        this.limiter.hit(rule, key);

        elapse(window().minusSeconds(2));
        RateLimitDecision beforeReset = this.limiter.hit(rule, key);
        elapse(Duration.ofSeconds(2));
        RateLimitDecision afterReset = this.limiter.hit(rule, key);

        assertThat(beforeReset).isInstanceOf(RateLimitDecision.Limited.class);
        assertThat(afterReset).isInstanceOf(RateLimitDecision.Allowed.class);
    }

    @Test
    void newWindowAdmitsTheFullLimitAgain() {
        RateLimitRule rule = rule(3);
        String key = uniqueKey();
        hitTimes(rule, key, 5);

        elapse(window());

        RateLimitDecision first = this.limiter.hit(rule, key);
        assertThat(first).isInstanceOf(RateLimitDecision.Allowed.class);
        assertThat(((RateLimitDecision.Allowed) first).remaining()).isEqualTo(2);
        assertResetAfter(first, window());
        hitTimes(rule, key, 2);
        assertThat(this.limiter.hit(rule, key)).isInstanceOf(RateLimitDecision.Limited.class);
    }

    @Test
    void refusedHitsDoNotExtendTheWindow() {
        RateLimitRule rule = rule(1);
        String key = uniqueKey();
        this.limiter.hit(rule, key);
        for (int i = 0; i < 3; i++) {
            elapse(window().dividedBy(4));
            this.limiter.hit(rule, key);
        }

        elapse(window().dividedBy(4));

        assertThat(this.limiter.hit(rule, key)).isInstanceOf(RateLimitDecision.Allowed.class);
    }

    @Test
    void bucketsAreIndependent() {
        RateLimitRule rule = rule(2);
        String exhausted = uniqueKey();
        String fresh = uniqueKey();
        hitTimes(rule, exhausted, 3);

        RateLimitDecision decision = this.limiter.hit(rule, fresh);

        assertThat(decision).isInstanceOf(RateLimitDecision.Allowed.class);
        assertThat(((RateLimitDecision.Allowed) decision).remaining()).isEqualTo(1);
        assertThat(this.limiter.hit(rule, exhausted)).isInstanceOf(RateLimitDecision.Limited.class);
    }

    @Test
    void eachBucketFollowsItsOwnRule() {
        RateLimitRule strict = new RateLimitRule("contract_strict", 1, window());
        RateLimitRule loose = new RateLimitRule("contract_loose", 10, window());
        String strictKey = RateLimitKey.of(strict.scope(), UUID.randomUUID().toString());
        String looseKey = RateLimitKey.of(loose.scope(), UUID.randomUUID().toString());

        this.limiter.hit(strict, strictKey);
        hitTimes(loose, looseKey, 5);

        assertThat(this.limiter.hit(strict, strictKey)).isInstanceOf(RateLimitDecision.Limited.class);
        RateLimitDecision looseDecision = this.limiter.hit(loose, looseKey);
        assertThat(looseDecision).isInstanceOf(RateLimitDecision.Allowed.class);
        assertThat(((RateLimitDecision.Allowed) looseDecision).remaining()).isEqualTo(4);
    }

    @Test
    void batchOpensTheWindowAtItsFirstCountedHit() {
        RateLimitRule rule = rule(10);
        String key = uniqueKey();
        elapse(Duration.ofSeconds(13));

        RateLimitDecision batch = this.limiter.hit(rule, key, 4);

        assertThat(batch).isInstanceOf(RateLimitDecision.Allowed.class);
        assertResetAfter(batch, window());
        elapse(window().minusSeconds(2));
        assertThat(((RateLimitDecision.Allowed) this.limiter.hit(rule, key)).remaining()).isEqualTo(5);
        elapse(Duration.ofSeconds(2));
        assertThat(((RateLimitDecision.Allowed) this.limiter.hit(rule, key, 2)).remaining()).isEqualTo(8);
    }

    @Test
    void batchReportsTheHitsRemainingAfterIt() {
        RateLimitRule rule = rule(10);
        String key = uniqueKey();
        this.limiter.hit(rule, key);

        RateLimitDecision batch = this.limiter.hit(rule, key, 6);

        assertThat(batch).isInstanceOf(RateLimitDecision.Allowed.class);
        assertThat(((RateLimitDecision.Allowed) batch).remaining()).isEqualTo(3);
    }

    @Test
    void batchIsAdmittedUpToTheLimitAndRefusedPastIt() {
        RateLimitRule rule = rule(5);
        String key = uniqueKey();

        RateLimitDecision exact = this.limiter.hit(rule, key, 5);
        RateLimitDecision past = this.limiter.hit(rule, key, 1);
        RateLimitDecision tooLarge = this.limiter.hit(rule, uniqueKey(), 6);

        assertThat(exact).isInstanceOf(RateLimitDecision.Allowed.class);
        assertThat(((RateLimitDecision.Allowed) exact).remaining()).isZero();
        assertThat(past).isInstanceOf(RateLimitDecision.Limited.class);
        assertThat(tooLarge).isInstanceOf(RateLimitDecision.Limited.class);
    }

    @Test
    void batchAndSingleHitsShareOneCount() {
        RateLimitRule rule = rule(5);
        String key = uniqueKey();
        this.limiter.hit(rule, key, 3);
        this.limiter.hit(rule, key);

        assertThat(((RateLimitDecision.Allowed) this.limiter.hit(rule, key)).remaining()).isZero();
        assertThat(this.limiter.hit(rule, key)).isInstanceOf(RateLimitDecision.Limited.class);
    }

    @Test
    void batchOfLessThanOneHitIsRejected() {
        assertThatIllegalArgumentException().isThrownBy(() -> this.limiter.hit(rule(5), uniqueKey(), 0));
    }

    @Test
    void concurrentHitsNeverAdmitMoreThanTheLimit() throws Exception {
        int threads = 8;
        int hitsPerThread = 40;
        long limit = 100;
        RateLimitRule rule = rule(limit);
        String key = uniqueKey();
        ExecutorService executor = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<Integer>> admittedPerThread = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                admittedPerThread.add(executor.submit(() -> {
                    start.await();
                    int admitted = 0;
                    for (int i = 0; i < hitsPerThread; i++) {
                        if (this.limiter.hit(rule, key) instanceof RateLimitDecision.Allowed) {
                            admitted++;
                        }
                    }
                    return admitted;
                }));
            }
            start.countDown();
            int total = 0;
            for (Future<Integer> admitted : admittedPerThread) {
                total += admitted.get(60, TimeUnit.SECONDS);
            }

            assertThat(total).isEqualTo(limit);
        }
        finally {
            executor.shutdownNow();
        }
    }

    /**
     * A rule of the default window, in a scope reserved for these tests.
     * @param limit hits per window
     * @return the rule
     */
    protected RateLimitRule rule(long limit) {
        return new RateLimitRule("contract_test", limit, window());
    }

    /**
     * A bucket key no other test uses.
     * @return the key
     */
    protected static String uniqueKey() {
        return RateLimitKey.of("contract_test", UUID.randomUUID().toString());
    }

    private void hitTimes(RateLimitRule rule, String key, int times) {
        for (int i = 0; i < times; i++) {
            this.limiter.hit(rule, key);
        }
    }

    private void assertResetAfter(RateLimitDecision decision, Duration expected) {
        assertThat(decision.resetAfter()).isBetween(expected.minus(resetTolerance()), expected);
    }
}
