package io.saaskit.core.memory;

import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

import io.saaskit.core.shared.port.TransactionRunner;

import org.jspecify.annotations.Nullable;

/**
 * A {@link TransactionRunner} for the in-memory repositories: one reentrant lock serialises every transaction,
 * so a unit of work sees no interleaved writes and nested calls simply join the outer one.
 *
 * <p><strong>It does not roll back.</strong> Writes made before an exception stay in the in-memory stores.
 * Services validate before they write, so this matters only for failures in the middle of a multi-record
 * write, which the in-memory stores do not produce except for unique-constraint refusals.
 */
public final class InMemoryTransactionRunner implements TransactionRunner {

    private final ReentrantLock lock = new ReentrantLock();

    @Override
    public <T extends @Nullable Object> T inTransaction(Supplier<T> work) {
        this.lock.lock();
        try {
            return work.get();
        }
        finally {
            this.lock.unlock();
        }
    }
}
