package io.saaskit.core.jobs.port;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The behaviour every {@link SchedulerLockStore} must show: the first proposal is stored, later ones do not replace
 * it unless the expression changed, and of several instances advancing the same trigger exactly one succeeds.
 *
 * <p>Extend it once per implementation; {@link #store()} and {@link #otherInstance()} are two views of one store.
 * Every test uses fresh schedule names.
 */
public abstract class SchedulerLockStoreContractTests {

    private static final Instant T0 = Instant.parse("2026-03-01T02:00:00Z");

    /**
     * The store under test; the same one within a test.
     * @return the store
     */
    protected abstract SchedulerLockStore store();

    /**
     * Another instance's view of the same store.
     * @return the store
     */
    protected abstract SchedulerLockStore otherInstance();

    private static String name() {
        return "schedule-" + UUID.randomUUID();
    }

    @Test
    void theFirstProposalIsStoredAndLaterOnesDoNotReplaceIt() {
        String name = name();

        assertThat(store().nextTrigger(name, "0 0 2 * * *", T0)).isEqualTo(T0);
        assertThat(otherInstance().nextTrigger(name, "0 0 2 * * *", T0.plusSeconds(60))).isEqualTo(T0);
    }

    @Test
    void aChangedExpressionStartsAfresh() {
        String name = name();
        store().nextTrigger(name, "0 0 2 * * *", T0);

        assertThat(otherInstance().nextTrigger(name, "0 0 3 * * *", T0.plusSeconds(3600)))
                .isEqualTo(T0.plusSeconds(3600));
    }

    @Test
    void advancingMovesTheTriggerOnceFromTheExpectedValue() {
        String name = name();
        store().nextTrigger(name, "0 0 2 * * *", T0);
        Instant next = T0.plus(Duration.ofDays(1));

        assertThat(store().advance(name, T0, next)).isTrue();
        assertThat(otherInstance().advance(name, T0, next)).isFalse();
        assertThat(otherInstance().nextTrigger(name, "0 0 2 * * *", T0)).isEqualTo(next);
    }

    @Test
    void anUnknownScheduleCannotBeAdvanced() {
        assertThat(store().advance(name(), T0, T0.plusSeconds(1))).isFalse();
    }

    @Test
    void ofManyConcurrentInstancesExactlyOneTakesATrigger() throws Exception {
        String name = name();
        store().nextTrigger(name, "0 0 2 * * *", T0);
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Boolean>> attempts = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                SchedulerLockStore instance = (i % 2 == 0) ? store() : otherInstance();
                attempts.add(() -> instance.advance(name, T0, T0.plus(Duration.ofDays(1))));
            }
            int taken = 0;
            for (Future<Boolean> result : threads.invokeAll(attempts)) {
                taken += result.get() ? 1 : 0;
            }
            assertThat(taken).isEqualTo(1);
        }
        finally {
            threads.shutdownNow();
        }
    }
}
