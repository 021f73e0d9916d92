package io.saaskit.core.jobs;

import java.time.Instant;
import java.util.Objects;

/**
 * A job in the dead letters: it failed (or lost its lease) on every allowed attempt and is not retried.
 *
 * @param job the job, with the number of the last attempt
 * @param lastError what the last attempt reported
 * @param diedAt when it was moved to the dead letters
 */
public record DeadJob(Job job, String lastError, Instant diedAt) {

    public DeadJob {
        Objects.requireNonNull(job, "job");
        Objects.requireNonNull(lastError, "lastError");
        Objects.requireNonNull(diedAt, "diedAt");
    }
}
