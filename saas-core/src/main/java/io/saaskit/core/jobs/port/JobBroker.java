package io.saaskit.core.jobs.port;

import java.time.Duration;
import java.util.List;

import io.saaskit.core.jobs.ClaimedJob;
import io.saaskit.core.jobs.DeadJob;
import io.saaskit.core.jobs.JobCounts;

/**
 * The worker's side of a {@link JobQueue}: claiming jobs under a lease and settling each delivery.
 *
 * <p>Delivery is at least once. A claimed job is invisible to other workers until its lease ends; a worker that
 * keeps running it extends the lease. A lease that ends unsettled (the worker crashed or hung) makes the job
 * claimable again, counted as a failed attempt. A failed attempt is retried after the implementation's
 * {@link io.saaskit.core.jobs.JobRetryPolicy} backoff, and a job out of attempts goes to the dead letters, so one
 * poison job never holds back the others. Settling a delivery whose lease was lost (and the job handed to another
 * worker) changes nothing.
 */
public interface JobBroker extends JobQueue {

    /**
     * Claims up to {@code max} jobs that are due, from every queue, oldest first, and leases them.
     * @param max the most jobs to claim, at least 1
     * @param lease how long the jobs stay invisible to other workers unless extended
     * @return the claimed jobs, possibly none
     * @throws io.saaskit.core.shared.ServiceUnavailableException when the queue cannot be reached
     */
    List<ClaimedJob> claim(int max, Duration lease);

    /**
     * Marks a job done: it is never delivered again.
     * @param job the delivery
     * @return false when the lease had been lost, so the job may run again elsewhere
     */
    boolean complete(ClaimedJob job);

    /**
     * Records a failed attempt: the job is retried after the backoff, or moved to the dead letters when it was
     * the last allowed attempt.
     * @param job the delivery
     * @param error what went wrong, for operators; must not contain secrets
     * @return true when the job went to the dead letters
     */
    boolean fail(ClaimedJob job, String error);

    /**
     * Gives a job back without running it to its end (the worker is shutting down): it is claimable right away and
     * the attempt is not counted.
     * @param job the delivery
     */
    void release(ClaimedJob job);

    /**
     * Extends the lease of a job that is still running.
     * @param job the delivery
     * @param lease the new lease, from now
     * @return false when the lease had already been lost
     */
    boolean extend(ClaimedJob job, Duration lease);

    /**
     * Counts the jobs waiting for a retry and the dead ones.
     * @return the counts
     */
    JobCounts counts();

    /**
     * Lists dead jobs, most recently dead first.
     * @param limit the most to list, at least 1
     * @return the jobs
     */
    List<DeadJob> deadLetters(int limit);
}
