package io.saaskit.core.metering;

import java.time.Duration;

import io.saaskit.core.shared.GroupCommitSettings;

/**
 * How the group-commit recorder batches usage events.
 *
 * @param maxBatch the most events one transaction carries
 * @param linger how long a writer waits for more events after the first one of a batch arrives; zero writes at
 *               once with whatever is queued (under load, events queue up while the previous batch commits, so
 *               batches grow on their own)
 * @param writers how many batches may be in flight at once, each on its own connection
 * @param timeout how long a request waits for its event to be picked up before it gives up with 503
 */
public record RecorderSettings(int maxBatch, Duration linger, int writers, Duration timeout) {

    /**
     * Checks the settings as {@link GroupCommitSettings} does.
     * @throws IllegalArgumentException when a value is out of range
     */
    public RecorderSettings {
        new GroupCommitSettings(maxBatch, linger, writers, timeout);
    }

    /**
     * The recommended settings: batches of up to 500 events, no lingering, one writer, 10 s timeout.
     * @return the defaults
     */
    public static RecorderSettings defaults() {
        return new RecorderSettings(500, Duration.ZERO, 1, Duration.ofSeconds(10));
    }

    /**
     * These settings as the group commit takes them.
     * @return the group-commit settings
     */
    GroupCommitSettings groupCommit() {
        return new GroupCommitSettings(this.maxBatch, this.linger, this.writers, this.timeout);
    }
}
