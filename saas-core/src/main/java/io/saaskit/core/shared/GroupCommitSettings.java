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
 */
public record GroupCommitSettings(int maxBatch, Duration linger, int writers, Duration timeout) {

    public GroupCommitSettings {
        Objects.requireNonNull(linger, "linger");
        Objects.requireNonNull(timeout, "timeout");
        if (maxBatch < 1 || writers < 1) {
            throw new IllegalArgumentException("maxBatch and writers must be positive");
        }
        if (linger.isNegative() || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("linger must not be negative and timeout must be positive");
        }
    }
}
