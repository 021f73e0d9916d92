package io.saaskit.core.memory;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.saaskit.core.shared.port.TransactionRunner;
import io.saaskit.core.shared.port.TransactionRunnerContractTests;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class InMemoryTransactionRunnerTests extends TransactionRunnerContractTests {

    private final InMemoryTransactionRunner transactions = new InMemoryTransactionRunner();

    @Override
    protected TransactionRunner transactions() {
        return this.transactions;
    }

    @Test
    void transactionsOnDifferentThreadsNeverOverlap() throws Exception {
        AtomicInteger inside = new AtomicInteger();
        AtomicInteger maxInside = new AtomicInteger();
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService executor = Executors.newFixedThreadPool(4);
        try {
            Future<?>[] futures = new Future<?>[4];
            for (int t = 0; t < futures.length; t++) {
                futures[t] = executor.submit(() -> {
                    start.await();
                    for (int i = 0; i < 50; i++) {
                        this.transactions.run(() -> {
                            maxInside.accumulateAndGet(inside.incrementAndGet(), Math::max);
                            Thread.onSpinWait();
                            inside.decrementAndGet();
                        });
                    }
                    return null;
                });
            }
            start.countDown();
            for (Future<?> future : futures) {
                future.get(30, TimeUnit.SECONDS);
            }
        }
        finally {
            executor.shutdownNow();
        }

        assertThat(maxInside).hasValue(1);
    }
}
