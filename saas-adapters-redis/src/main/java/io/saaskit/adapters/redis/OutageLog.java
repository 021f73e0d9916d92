package io.saaskit.adapters.redis;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;

/**
 * Logs failures of a store at most once every few seconds, so an outage under load produces a handful of error
 * lines rather than one per request. Each line says how many failures were not logged since the previous one.
 * Only the exception's type and message are logged: Lettuce's messages name commands and servers, never keys or
 * values, and callers never pass key material.
 */
final class OutageLog {

    private static final long INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(5);

    private final Logger logger;

    private final String store;

    private final AtomicLong nextLogAt = new AtomicLong(System.nanoTime());

    private final AtomicLong suppressed = new AtomicLong();

    /**
     * Creates the log.
     * @param logger where to log
     * @param store what failed, for example {@code "Redis rate-limit store"}
     */
    OutageLog(Logger logger, String store) {
        this.logger = logger;
        this.store = store;
    }

    /**
     * Reports one failure.
     * @param failure what the client library threw
     * @param consequence what the caller does about it, for example {@code "request admitted (fail open)"}
     */
    void failure(RuntimeException failure, String consequence) {
        long now = System.nanoTime();
        long next = this.nextLogAt.get();
        if (now - next < 0 || !this.nextLogAt.compareAndSet(next, now + INTERVAL_NANOS)) {
            this.suppressed.incrementAndGet();
            return;
        }
        long skipped = this.suppressed.getAndSet(0);
        this.logger.error("{} unavailable ({}: {}); {}{}", this.store, failure.getClass().getSimpleName(),
                failure.getMessage(), consequence,
                (skipped > 0) ? " [" + skipped + " more failures since the last report]" : "");
    }
}
