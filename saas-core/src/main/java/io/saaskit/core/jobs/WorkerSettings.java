package io.saaskit.core.jobs;

import java.time.Duration;
import java.util.Objects;

/**
 * How a {@link JobWorker} runs.
 *
 * @param concurrency how many jobs run in parallel, across all queues, at least 1
 * @param lease how long a claimed job stays invisible to other workers; extended every third of it while the job
 * runs
 * @param pollInterval how long the worker waits before looking again when no job was due
 */
public record WorkerSettings(int concurrency, Duration lease, Duration pollInterval) {

    public WorkerSettings {
        Objects.requireNonNull(lease, "lease");
        Objects.requireNonNull(pollInterval, "pollInterval");
        if (concurrency < 1) {
            throw new IllegalArgumentException("concurrency is at least 1");
        }
        if (lease.toMillis() < 3) {
            throw new IllegalArgumentException("lease is at least 3 ms");
        }
        if (pollInterval.isNegative() || pollInterval.isZero()) {
            throw new IllegalArgumentException("pollInterval is positive");
        }
    }

    /**
     * The defaults: 5 jobs in parallel, a 5 minute lease, polling every second.
     * @return the settings
     */
    public static WorkerSettings defaults() {
        return new WorkerSettings(5, Duration.ofMinutes(5), Duration.ofSeconds(1));
    }
}
