package io.saaskit.core.shared.port;

import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

/**
 * Runs a unit of work atomically: every port call made inside commits together or not at all.
 *
 * <p>Services use it wherever a flow writes more than one record (register writes a user, an organization, a
 * membership and a session). Nested calls join the outer unit of work.
 */
public interface TransactionRunner {

    /**
     * Runs the work in one transaction; a runtime exception thrown by the work rolls it back and propagates.
     * @param work the work
     * @param <T> the result type
     * @return what the work returned
     */
    <T extends @Nullable Object> T inTransaction(Supplier<T> work);

    /**
     * Runs work without a result in one transaction.
     * @param work the work
     */
    default void run(Runnable work) {
        inTransaction(() -> {
            work.run();
            return null;
        });
    }
}
