package io.saaskit.core.jobs;

/**
 * Runs the jobs of one type; the worker calls it for every delivery of such a job.
 *
 * <p>Delivery is at least once, so a handler must be idempotent: running a job it already completed must change
 * nothing. Returning normally completes the job. Throwing a runtime exception fails this attempt; the queue retries
 * it with backoff and moves it to its dead letters after the configured number of attempts.
 */
public interface JobHandler {

    /**
     * The job type this handler runs, for example {@code stripe-event}.
     * @return the type
     */
    String type();

    /**
     * Runs one job.
     * @param job the job
     */
    void handle(Job job);
}
