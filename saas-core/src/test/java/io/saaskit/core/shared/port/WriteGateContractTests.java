package io.saaskit.core.shared.port;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.saaskit.core.testing.MutableClock;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The behaviour every {@link WriteGate} must show: the first caller passes, later callers are held back until the
 * interval has passed, keys are independent, exactly one of many racing callers passes, and bad arguments are
 * refused.
 *
 * <p>Extend it once per implementation. Implementations that run on {@link #clock} need nothing else; one that
 * keeps time itself (a server-side expiry) overrides {@link #elapse} to wait instead. Every test uses fresh keys.
 */
public abstract class WriteGateContractTests {

    /** The interval the tests close gates for: short, so that stores with their own clock can wait it out. */
    protected static final Duration INTERVAL = Duration.ofMillis(300);

    /** The clock implementations may run on. */
    protected final MutableClock clock = new MutableClock();

    /**
     * The gate under test; every call must see the same store.
     * @return the gate
     */
    protected abstract WriteGate gate();

    /**
     * Lets time pass for the gate.
     * @param duration how much
     */
    protected void elapse(Duration duration) {
        this.clock.advance(duration);
    }

    @Test
    void theFirstCallerPassesAndTheNextIsHeldBack() {
        String key = freshKey();

        assertThat(gate().tryPass(key, INTERVAL)).isTrue();
        assertThat(gate().tryPass(key, INTERVAL)).isFalse();
    }

    @Test
    void theGateOpensAgainOnceTheIntervalHasPassed() {
        String key = freshKey();
        gate().tryPass(key, INTERVAL);

        elapse(INTERVAL.plusMillis(150));

        assertThat(gate().tryPass(key, INTERVAL)).isTrue();
        assertThat(gate().tryPass(key, INTERVAL)).isFalse();
    }

    @Test
    void keysAreIndependent() {
        String first = freshKey();
        String second = freshKey();

        assertThat(gate().tryPass(first, INTERVAL)).isTrue();
        assertThat(gate().tryPass(second, INTERVAL)).isTrue();
    }

    @Test
    void exactlyOneOfManyRacingCallersPasses() throws Exception {
        String key = freshKey();
        int callers = 16;
        ExecutorService executor = Executors.newFixedThreadPool(callers);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int i = 0; i < callers; i++) {
                results.add(executor.submit(() -> {
                    start.await();
                    return gate().tryPass(key, Duration.ofMinutes(1));
                }));
            }
            start.countDown();
            int passed = 0;
            for (Future<Boolean> result : results) {
                passed += result.get(30, TimeUnit.SECONDS) ? 1 : 0;
            }
            assertThat(passed).isEqualTo(1);
        }
        finally {
            executor.shutdownNow();
        }
    }

    @Test
    void badArgumentsAreRefused() {
        assertThatIllegalArgumentException().isThrownBy(() -> gate().tryPass("", INTERVAL));
        assertThatIllegalArgumentException().isThrownBy(() -> gate().tryPass("k".repeat(201), INTERVAL));
        assertThatIllegalArgumentException().isThrownBy(() -> gate().tryPass(freshKey(), Duration.ZERO));
        assertThatIllegalArgumentException().isThrownBy(() -> gate().tryPass(freshKey(), Duration.ofSeconds(-1)));
    }

    private static String freshKey() {
        return "test:" + UUID.randomUUID();
    }
}
