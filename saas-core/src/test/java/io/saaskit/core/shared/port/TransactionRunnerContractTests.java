package io.saaskit.core.shared.port;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The behaviour every {@link TransactionRunner} must show: it runs the work once on the calling thread, returns
 * its result, lets its runtime exceptions through unchanged, and supports nested calls. Implementations backed
 * by a database add their own rollback tests, which need records to roll back.
 *
 * <p>Extend it once per implementation and return the runner from {@link #transactions()}.
 */
public abstract class TransactionRunnerContractTests {

    /**
     * The runner under test.
     * @return the runner
     */
    protected abstract TransactionRunner transactions();

    @Test
    void returnsWhatTheWorkReturns() {
        assertThat(transactions().inTransaction(() -> "result")).isEqualTo("result");
    }

    @Test
    void workMayReturnNull() {
        assertThat(transactions().<Object>inTransaction(() -> null)).isNull();
    }

    @Test
    void runsTheWorkOnceOnTheCallingThread() {
        Thread caller = Thread.currentThread();
        List<Thread> ranOn = new ArrayList<>();

        transactions().run(() -> ranOn.add(Thread.currentThread()));

        assertThat(ranOn).containsExactly(caller);
    }

    @Test
    void runtimeExceptionOfTheWorkPropagatesUnchanged() {
        IllegalStateException failure = new IllegalStateException("boom");

        assertThatExceptionOfType(IllegalStateException.class)
                .isThrownBy(() -> transactions().inTransaction(() -> {
                    throw failure;
                }))
                .isSameAs(failure);
    }

    @Test
    void runnerIsUsableAfterAFailedTransaction() {
        assertThatExceptionOfType(IllegalArgumentException.class).isThrownBy(() -> transactions().run(() -> {
            throw new IllegalArgumentException("first fails");
        }));

        assertThat(transactions().inTransaction(() -> 42)).isEqualTo(42);
    }

    @Test
    void nestedCallsJoinAndReturnTheirResults() {
        String result = transactions().inTransaction(() -> {
            String inner = transactions().inTransaction(() -> "inner");
            return "outer+" + inner;
        });

        assertThat(result).isEqualTo("outer+inner");
    }

    @Test
    void deeplyNestedRunnablesAllRun() {
        List<String> steps = new ArrayList<>();

        transactions().run(() -> {
            steps.add("outer");
            transactions().run(() -> {
                steps.add("middle");
                transactions().run(() -> steps.add("inner"));
            });
        });

        assertThat(steps).containsExactly("outer", "middle", "inner");
    }

    @Test
    void exceptionInNestedCallPropagatesThroughTheOuterCall() {
        AtomicReference<String> afterInner = new AtomicReference<>("not reached");
        UnsupportedOperationException failure = new UnsupportedOperationException("inner fails");

        assertThatExceptionOfType(UnsupportedOperationException.class).isThrownBy(() -> transactions().run(() -> {
            transactions().run(() -> {
                throw failure;
            });
            afterInner.set("reached");
        })).isSameAs(failure);

        assertThat(afterInner).hasValue("not reached");
    }
}
