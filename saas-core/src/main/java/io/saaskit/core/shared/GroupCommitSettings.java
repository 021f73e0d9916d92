package io.saaskit.core.shared;

import java.time.Duration;
import java.util.Objects;

/**
 * How a {@link GroupCommit} batches the items it makes durable.
 *
 * @param maxBatch the most items one transaction carries
 * @param linger how long a writer waits for more items after the first one of a batch arrives; zero writes at once
 *               with whatever is queued (under load, items queue up while the previous batch commits, so batches grow
 *               on their own)
 * @param writers how many batches may be in flight at once, each on its own connection
 * @param timeout how long a caller waits for its item to be taken into a batch before it gives up with 503
 * @param interval the least time between the starts of two batches of one writer: an item that arrives sooner after
 *                 the previous batch started waits for the rest of the interval, with every item arriving meanwhile,
 *                 while an item arriving after a quiet interval is written at once. Under load this sets the size of
 *                 batches (and so how many commits the database makes) without delaying a lone item; zero starts
 *                 the next batch as soon as the previous one has committed
 */
public record GroupCommitSettings(int maxBatch, Duration linger, int writers, Duration timeout, Duration interval) {

    public GroupCommitSettings {
        Objects.requireNonNull(linger, "linger");
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(interval, "interval");
        if (maxBatch < 1 || writers < 1) {
            throw new IllegalArgumentException("maxBatch and writers must be positive");
        }
        if (linger.isNegative() || interval.isNegative() || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException(
                    "linger and interval must not be negative and timeout must be positive");
        }
    }

    /**
     * Settings without an interval: each writer starts its next batch as soon as the previous one has committed.
     * @param maxBatch the most items one transaction carries
     * @param linger how long a writer waits for more items after the first one of a batch
     * @param writers how many batches may be in flight at once
     * @param timeout how long a caller waits for its item to be taken into a batch
     */
    public GroupCommitSettings(int maxBatch, Duration linger, int writers, Duration timeout) {
        this(maxBatch, linger, writers, timeout, Duration.ZERO);
    }
}
