package io.saaskit.core.jobs;

/**
 * How many jobs of a queue implementation need attention, for the admin summary.
 *
 * @param failed jobs whose last attempt failed and that wait for their retry
 * @param dead jobs moved to the dead letters after their last allowed attempt
 */
public record JobCounts(long failed, long dead) {

    public JobCounts {
        if (failed < 0 || dead < 0) {
            throw new IllegalArgumentException("counts are not negative");
        }
    }
}
