package io.saaskit.boot.jobs;

import java.time.Instant;

/**
 * One kind of expired data the hourly {@code session-cleanup} job deletes, besides sessions. Define a bean of this
 * type to add your own (for example old webhook inbox rows); every bean runs on each run of the job.
 */
public interface ExpiredRowsPurge {

    /**
     * What is purged, for the log line, for example {@code rate-limit buckets}.
     * @return the description
     */
    String description();

    /**
     * Deletes what has expired.
     * @param now the current time
     * @return how many rows were deleted
     */
    int deleteExpired(Instant now);
}
