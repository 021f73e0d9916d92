package io.saaskit.core.jobs;

import java.time.Duration;

/**
 * Hears what a {@link JobWorker} does, so the host can log it, put the job in its logging context and count
 * outcomes. The core itself does not log.
 *
 * <p>{@link #started}, {@link #succeeded}, {@link #failed} and {@link #finished} are called on the thread that runs
 * the job, in that order; the others on the worker's own threads. Every method must return quickly and not throw.
 */
public interface JobListener {

    /** A listener that ignores everything. */
    JobListener NONE = new JobListener() {
    };

    /**
     * A job is about to run.
     * @param job the job
     */
    default void started(Job job) {
    }

    /**
     * A job ran to its end and was completed.
     * @param job the job
     * @param took how long its handler ran
     */
    default void succeeded(Job job, Duration took) {
    }

    /**
     * A job's handler failed.
     * @param job the job
     * @param error what the handler threw
     * @param dead true when the job went to the dead letters, false when it will be retried
     */
    default void failed(Job job, RuntimeException error, boolean dead) {
    }

    /**
     * A job is done with on this thread, whatever the outcome.
     * @param job the job
     */
    default void finished(Job job) {
    }

    /**
     * A job still running at shutdown was given back to its queue, its attempt not counted.
     * @param job the job
     */
    default void released(Job job) {
    }

    /**
     * A running job's lease could not be extended: it was lost, and the job may run again elsewhere.
     * @param job the job
     */
    default void leaseLost(Job job) {
    }

    /**
     * The queue could not be reached to claim, extend or settle jobs; the worker keeps trying.
     * @param error the failure
     */
    default void queueUnavailable(RuntimeException error) {
    }
}
